import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  answer,
  apiBehindALink,
  UPSTREAM_TIMEOUT_MS,
  type BehindALink,
} from './support/behind-a-link.js';
import { postMessage } from './support/topology.js';

let t: BehindALink;
beforeAll(async () => (t = await apiBehindALink()));
afterAll(() => t.stop());
// A frozen link stays frozen for new connections until thawed: each test starts with it open.
afterEach(() => t.link.thaw());

describe('when an answer from db-client is lost or never comes, the api retries only what is safe', () => {
  it('when a GET’s answer is lost to a connection reset, then the api retries once and answers 200', async () => {
    t.link.loseNextAnswers(1);

    const res = await fetch(`${t.api.url}/api/messages?limit=1`);

    expect(res.status).toBe(200);
  });

  it('when a POST without a key loses its answer after db-client stored it, then the retry reuses the generated key and one message exists', async () => {
    const count = async () =>
      ((await (await fetch(`${t.dbClient.service.url}/stats`)).json()) as { count: number }).count;
    const before = await count();
    t.link.loseNextAnswers(1);

    const res = await postMessage(t.api.url, {
      author: 'retry',
      text: `written once ${Date.now()}`,
    });

    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBe('true');
    expect(await count()).toBe(before + 1);
  });

  it('when a DELETE loses its answer, then it is not retried: the client gets 503 rather than a possibly wrong 404', async () => {
    const created = (await (await postMessage(t.api.url, { author: 'del', text: 'x' })).json()) as {
      id: number;
    };
    t.link.loseNextAnswers(1);

    const res = await fetch(`${t.api.url}/api/messages/${created.id}`, { method: 'DELETE' });

    expect(res.status).toBe(503);
  });

  it('when db-client stops answering, as on a frozen node, then a GET answers 504 at the deadline, not later, and once new connections are answered the next call is', async () => {
    expect((await fetch(`${t.api.url}/api/messages?limit=1`)).status).toBe(200);
    // Every connection, the pooled one the api holds and any it opens: undici may pick either.
    t.link.freeze();

    const { res, ms } = await answer(() => fetch(`${t.api.url}/api/messages?limit=1`));

    expect(res.status).toBe(504);
    expect(ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(UPSTREAM_TIMEOUT_MS + 500);
    // The connection that timed out is given up: the next call, after the thaw, goes out on
    // another and is answered.
    t.link.thaw();
    expect((await fetch(`${t.api.url}/api/messages?limit=1`)).status).toBe(200);
  });

  it('when db-client stops answering a DELETE, then it answers 504 at the deadline', async () => {
    const created = (await (await postMessage(t.api.url, { author: 'del', text: 'x' })).json()) as {
      id: number;
    };
    t.link.freeze();

    const { res, ms } = await answer(() =>
      fetch(`${t.api.url}/api/messages/${created.id}`, { method: 'DELETE' }),
    );

    expect(res.status).toBe(504);
    expect(ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
  });
});
