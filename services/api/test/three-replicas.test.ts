import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhoamiReport } from '../src/domain/whoami.js';
import {
  postMessage,
  startApi,
  startDbClient,
  type Api,
  type DbClient,
} from './support/topology.js';

let dbClient: DbClient;
let apis: Api[];

beforeAll(async () => {
  dbClient = await startDbClient('db-client-7d9f');
  apis = await Promise.all(
    ['api-a', 'api-b', 'api-c'].map((name) =>
      startApi({
        DB_CLIENT_URL: dbClient.service.url,
        POD_NAME: name,
        POD_NAMESPACE: 'podtalk',
        NODE_NAME: 'node-1',
        POD_IP: '10.244.1.7',
      }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(apis.map((api) => api.stop('SIGKILL')));
  await dbClient.stop();
});

describe('three stateless api replicas in front of one db-client', () => {
  it('when a message is written through one replica, then the other two read it back', async () => {
    const [a, b, c] = apis as [Api, Api, Api];

    const created = await postMessage(a.url, { author: 'ada', text: 'written via api-a 🚀' });
    const message = (await created.json()) as { id: number };
    const viaB = await fetch(`${b.url}/api/messages/${message.id}`);
    const viaC = await fetch(`${c.url}/api/messages?limit=5`);

    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/api/messages/${message.id}`);
    expect(created.headers.get('x-served-by')).toBe('api-a');
    expect(created.headers.get('x-upstream-served-by')).toBe('db-client-7d9f');
    expect(viaB.headers.get('x-served-by')).toBe('api-b');
    expect(await viaB.json()).toMatchObject({
      id: message.id,
      author: 'ada',
      text: 'written via api-a 🚀',
    });
    expect(viaC.headers.get('x-served-by')).toBe('api-c');
    expect(((await viaC.json()) as { items: { id: number }[] }).items[0]?.id).toBe(message.id);
  });

  it('when the same Idempotency-Key is sent through two replicas, then one message is created', async () => {
    const [a, b] = apis as [Api, Api];
    const before = (await (await fetch(`${dbClient.service.url}/stats`)).json()) as {
      count: number;
    };
    const key = `replicas-${Date.now()}`;

    const first = await postMessage(
      a.url,
      { author: 'bo', text: 'once' },
      { 'idempotency-key': key },
    );
    const second = await postMessage(
      b.url,
      { author: 'bo', text: 'once' },
      { 'idempotency-key': key },
    );
    const after = (await (await fetch(`${dbClient.service.url}/stats`)).json()) as {
      count: number;
    };

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(((await second.json()) as { id: number }).id).toBe(
      ((await first.json()) as { id: number }).id,
    );
    expect(after.count).toBe(before.count + 1);
  });

  it('when the same Idempotency-Key comes with another body, then db-client’s 409 passes through', async () => {
    const key = `conflict-${Date.now()}`;
    await postMessage(apis[0]!.url, { author: 'cy', text: 'first' }, { 'idempotency-key': key });

    const clash = await postMessage(
      apis[1]!.url,
      { author: 'cy', text: 'second' },
      { 'idempotency-key': key },
    );

    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await clash.json()).toMatchObject({
      type: 'urn:podtalk:problem:idempotency-key-reused',
    });
  });

  it('when a message is deleted through one replica, then the others answer 404 for it', async () => {
    const created = (await (
      await postMessage(apis[0]!.url, { author: 'di', text: 'short-lived' })
    ).json()) as { id: number };

    const deleted = await fetch(`${apis[1]!.url}/api/messages/${created.id}`, { method: 'DELETE' });
    const gone = await fetch(`${apis[2]!.url}/api/messages/${created.id}`);

    expect(deleted.status).toBe(204);
    expect(gone.status).toBe(404);
    expect(await gone.json()).toMatchObject({ type: 'urn:podtalk:problem:message-not-found' });
  });

  it('when a request id is sent, then it reaches db-client and comes back unchanged', async () => {
    const res = await fetch(`${apis[0]!.url}/api/messages?limit=1`, {
      headers: { 'x-request-id': 'trace-me-42' },
    });

    expect(res.headers.get('x-request-id')).toBe('trace-me-42');
    // Log lines cross a pipe to this process: wait for the line rather than assume it is there.
    await expect
      .poll(() => dbClient.service.logs.find((line) => line.reqId === 'trace-me-42'), {
        timeout: 2_000,
      })
      .toMatchObject({ service: 'db-client', msg: 'request completed' });
  });

  it('when whoami is asked, then it names this pod and the db-client pod, and closes the connection', async () => {
    const res = await fetch(`${apis[2]!.url}/api/whoami`);
    const body = (await res.json()) as WhoamiReport;

    expect(res.headers.get('connection')).toBe('close');
    expect(body).toMatchObject({
      pod: { name: 'api-c', namespace: 'podtalk', node: 'node-1', ip: '10.244.1.7' },
      version: '0.1.0',
      dbClient: { servedBy: 'db-client-7d9f', ok: true },
    });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it('when discovery is asked, then it shows the configured URL and what its host resolves to', async () => {
    const res = await fetch(`${apis[0]!.url}/api/discovery`);

    expect(await res.json()).toMatchObject({
      configured: { url: dbClient.service.url, source: 'DB_CLIENT_URL', host: '127.0.0.1' },
      dns: { host: '127.0.0.1', addresses: ['127.0.0.1'] },
      serviceEnv: {},
      agree: null,
    });
  });
});
