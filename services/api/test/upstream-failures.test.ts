import { startTcpProxy, timed, type TcpProxy } from '@podtalk/test-kit';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  postMessage,
  startApi,
  startDbClient,
  type Api,
  type DbClient,
} from './support/topology.js';

const UPSTREAM_TIMEOUT_MS = 800;
let dbClient: DbClient;
let link: TcpProxy;
let api: Api;

beforeAll(async () => {
  dbClient = await startDbClient('db-client-flaky');
  // api → link → db-client: the test cuts or slows the link like a dead or slow pod.
  link = await startTcpProxy({ host: '127.0.0.1', port: dbClient.service.ports.http! });
  api = await startApi({
    DB_CLIENT_URL: `http://127.0.0.1:${link.port}`,
    UPSTREAM_TIMEOUT_MS: String(UPSTREAM_TIMEOUT_MS),
    POD_NAME: 'api-0',
  });
});
afterAll(async () => {
  await api.stop('SIGKILL');
  await link.close();
  await dbClient.stop();
});

/** The answer, how long it took, and its JSON body. */
async function answer(work: () => Promise<Response>) {
  const { value: res, ms } = await timed(work);
  return { res, ms, body: await res.json() };
}

describe('when db-client fails, the api answers clearly and quickly', () => {
  it('when db-client is unreachable, then GET and POST answer 503 with Retry-After within 2 s', async () => {
    await link.cut();
    try {
      const get = await answer(() => fetch(`${api.url}/api/messages`));
      const post = await answer(() => postMessage(api.url, { author: 'a', text: 'b' }));

      for (const { res, ms, body } of [get, post]) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(body).toMatchObject({ type: 'urn:podtalk:problem:upstream-unavailable' });
        expect(ms).toBeLessThan(2_000);
      }
      // Readiness ignores db-client on purpose: the pod stays in its Service.
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    } finally {
      await link.restore();
    }
  });

  it('when db-client answers slower than UPSTREAM_TIMEOUT_MS, then the api answers 504 within the timeout', async () => {
    link.setDelay(UPSTREAM_TIMEOUT_MS * 3);
    try {
      const { res, ms, body } = await answer(() => fetch(`${api.url}/api/messages/1`));

      expect(res.status).toBe(504);
      expect(body).toMatchObject({
        detail: `db-client did not answer within ${UPSTREAM_TIMEOUT_MS} ms`,
      });
      expect(ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(UPSTREAM_TIMEOUT_MS + 500);
    } finally {
      link.setDelay(0);
    }
  });

  it('when db-client’s database is away, then db-client’s 503 passes through with its Retry-After', async () => {
    await dbClient.dbProxy.cut();
    try {
      const { res, body } = await answer(() => fetch(`${api.url}/api/messages`));

      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.headers.get('x-upstream-served-by')).toBe('db-client-flaky');
      expect(body).toMatchObject({ type: 'urn:podtalk:problem:database-unavailable' });
    } finally {
      await dbClient.dbProxy.restore();
    }
  });

  it('when db-client itself fails with a 500, then the api answers 502 naming the db-client pod', async () => {
    // A real fault: the table db-client reads is gone for a moment.
    const sql = await mysql.createConnection({
      host: dbClient.database.env.DB_HOST,
      port: Number(dbClient.database.env.DB_PORT),
      user: dbClient.database.env.DB_USER,
      password: dbClient.database.env.DB_PASSWORD,
      database: dbClient.database.env.DB_NAME,
    });
    await sql.query('RENAME TABLE messages TO messages_away');
    try {
      const { res, body } = await answer(() => fetch(`${api.url}/api/messages`));

      expect(res.status).toBe(502);
      expect(res.headers.get('x-upstream-served-by')).toBe('db-client-flaky');
      expect(body).toMatchObject({
        type: 'urn:podtalk:problem:upstream-error',
        detail: 'db-client (db-client-flaky) answered 500',
      });
    } finally {
      await sql.query('RENAME TABLE messages_away TO messages');
      await sql.end();
    }
  });

  it('when db-client is back, then the same api process serves again without a restart', async () => {
    await link.cut();
    expect((await fetch(`${api.url}/api/messages`)).status).toBe(503);
    await link.restore();

    const res = await vi.waitFor(
      async () => {
        const answer = await postMessage(api.url, { author: 'back', text: 'again' });
        expect(answer.status, 'a write through the api').toBe(201);
        return answer;
      },
      { timeout: 10_000, interval: 100 },
    );

    expect(res.headers.get('x-upstream-served-by')).toBe('db-client-flaky');
    expect(api.logs.filter((line) => line.msg === 'listening')).toHaveLength(2);
  });

  it('when a GET’s answer is lost to a connection reset, then the api retries once and answers 200', async () => {
    link.loseNextAnswers(1);

    const res = await fetch(`${api.url}/api/messages?limit=1`);

    expect(res.status).toBe(200);
  });

  it('when a POST without a key loses its answer after db-client stored it, then the retry reuses the generated key and one message exists', async () => {
    const count = async () =>
      ((await (await fetch(`${dbClient.service.url}/stats`)).json()) as { count: number }).count;
    const before = await count();
    link.loseNextAnswers(1);

    const res = await postMessage(api.url, { author: 'retry', text: `written once ${Date.now()}` });

    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('when a DELETE loses its answer, then it is not retried: the client gets 503 rather than a possibly wrong 404', async () => {
    const created = (await (await postMessage(api.url, { author: 'del', text: 'x' })).json()) as {
      id: number;
    };
    link.loseNextAnswers(1);

    const res = await fetch(`${api.url}/api/messages/${created.id}`, { method: 'DELETE' });

    expect(res.status).toBe(503);
  });

  it('when the open connection to db-client stops answering, as on a frozen node, then a GET answers 504 at the deadline, not later', async () => {
    // The api now holds a pooled keep-alive connection through the link.
    expect((await fetch(`${api.url}/api/messages?limit=1`)).status).toBe(200);
    link.freezeOpenConnections();

    const { res, ms } = await answer(() => fetch(`${api.url}/api/messages?limit=1`));

    expect(res.status).toBe(504);
    expect(ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(UPSTREAM_TIMEOUT_MS + 500);
    // The frozen connection is given up: the next call opens another one and is answered.
    expect((await fetch(`${api.url}/api/messages?limit=1`)).status).toBe(200);
  });

  it('when the open connection stops answering a DELETE, then it answers 504 at the deadline', async () => {
    const created = (await (await postMessage(api.url, { author: 'del', text: 'x' })).json()) as {
      id: number;
    };
    link.freezeOpenConnections();

    const { res, ms } = await answer(() =>
      fetch(`${api.url}/api/messages/${created.id}`, { method: 'DELETE' }),
    );

    expect(res.status).toBe(504);
    expect(ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
  });

  it('when calls succeed, time out and find nobody, then the admin /metrics histogram counts each outcome', async () => {
    const counted = async (outcome: string) => {
      const text = await (await fetch(`${api.adminUrl}/metrics`)).text();
      const line = new RegExp(
        `^upstream_request_duration_seconds_count\\{.*outcome="${outcome}".*\\} (\\d+)$`,
        'gm',
      );
      return [...text.matchAll(line)].reduce((sum, match) => sum + Number(match[1]), 0);
    };
    const before = {
      created: await counted('201'),
      timeout: await counted('timeout'),
      unreachable: await counted('unreachable'),
    };

    expect((await postMessage(api.url, { author: 'm', text: 'counted' })).status).toBe(201);
    link.setDelay(UPSTREAM_TIMEOUT_MS * 3);
    try {
      expect((await fetch(`${api.url}/api/messages/1`)).status).toBe(504);
    } finally {
      link.setDelay(0);
    }
    await link.cut();
    try {
      expect((await fetch(`${api.url}/api/messages`)).status).toBe(503);
    } finally {
      await link.restore();
    }

    expect(await counted('201')).toBe(before.created + 1);
    expect(await counted('timeout')).toBe(before.timeout + 1);
    expect(await counted('unreachable')).toBe(before.unreachable + 1);
  });
});
