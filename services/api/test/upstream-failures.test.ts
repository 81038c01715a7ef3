import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

describe('when db-client fails, the api answers clearly and quickly', () => {
  it('when db-client is unreachable, then GET and POST answer 503 with Retry-After within 2 s', async () => {
    await t.link.cut();
    try {
      const get = await answer(() => fetch(`${t.api.url}/api/messages`));
      const post = await answer(() => postMessage(t.api.url, { author: 'a', text: 'b' }));

      for (const { res, ms, body } of [get, post]) {
        expect(res.status).toBe(503);
        expect(res.headers.get('retry-after')).toBe('1');
        expect(body).toMatchObject({ type: 'urn:podtalk:problem:upstream-unavailable' });
        expect(ms).toBeLessThan(2_000);
      }
      // Readiness ignores db-client on purpose: the pod stays in its Service.
      expect((await fetch(`${t.api.url}/readyz`)).status).toBe(200);
    } finally {
      await t.link.restore();
    }
  });

  it('when db-client answers slower than UPSTREAM_TIMEOUT_MS, then the api answers 504 within the timeout', async () => {
    t.link.setDelay(UPSTREAM_TIMEOUT_MS * 3);
    try {
      const { res, ms, body } = await answer(() => fetch(`${t.api.url}/api/messages/1`));

      expect(res.status).toBe(504);
      expect(body).toMatchObject({
        detail: `db-client did not answer within ${UPSTREAM_TIMEOUT_MS} ms`,
      });
      expect(ms).toBeGreaterThanOrEqual(UPSTREAM_TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(UPSTREAM_TIMEOUT_MS + 500);
    } finally {
      t.link.setDelay(0);
    }
  });

  it('when db-client’s database is away, then db-client’s 503 passes through with its Retry-After', async () => {
    await t.dbClient.dbProxy.cut();
    try {
      const { res, body } = await answer(() => fetch(`${t.api.url}/api/messages`));

      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('2');
      expect(res.headers.get('x-upstream-served-by')).toBe('db-client-flaky');
      expect(body).toMatchObject({ type: 'urn:podtalk:problem:database-unavailable' });
    } finally {
      await t.dbClient.dbProxy.restore();
    }
  });

  it('when db-client itself fails with a 500, then the api answers 502 naming the db-client pod', async () => {
    // A real fault: the table db-client reads is gone for a moment.
    const sql = await mysql.createConnection({
      host: t.dbClient.database.env.DB_HOST,
      port: Number(t.dbClient.database.env.DB_PORT),
      user: t.dbClient.database.env.DB_USER,
      password: t.dbClient.database.env.DB_PASSWORD,
      database: t.dbClient.database.env.DB_NAME,
    });
    await sql.query('RENAME TABLE messages TO messages_away');
    try {
      const { res, body } = await answer(() => fetch(`${t.api.url}/api/messages`));

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
    await t.link.cut();
    expect((await fetch(`${t.api.url}/api/messages`)).status).toBe(503);
    await t.link.restore();

    const res = await vi.waitFor(
      async () => {
        const answer = await postMessage(t.api.url, { author: 'back', text: 'again' });
        expect(answer.status, 'a write through the api').toBe(201);
        return answer;
      },
      { timeout: 10_000, interval: 100 },
    );

    expect(res.headers.get('x-upstream-served-by')).toBe('db-client-flaky');
    expect(t.api.logs.filter((line) => line.msg === 'listening')).toHaveLength(2);
  });

  it('when calls succeed, time out and find nobody, then the admin /metrics histogram counts each outcome', async () => {
    const counted = async (outcome: string) => {
      const text = await (await fetch(`${t.api.adminUrl}/metrics`)).text();
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

    expect((await postMessage(t.api.url, { author: 'm', text: 'counted' })).status).toBe(201);
    t.link.setDelay(UPSTREAM_TIMEOUT_MS * 3);
    try {
      expect((await fetch(`${t.api.url}/api/messages/1`)).status).toBe(504);
    } finally {
      t.link.setDelay(0);
    }
    await t.link.cut();
    try {
      expect((await fetch(`${t.api.url}/api/messages`)).status).toBe(503);
    } finally {
      await t.link.restore();
    }

    expect(await counted('201')).toBe(before.created + 1);
    expect(await counted('timeout')).toBe(before.timeout + 1);
    expect(await counted('unreachable')).toBe(before.unreachable + 1);
  });
});
