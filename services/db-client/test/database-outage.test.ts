import { timed } from '@podtalk/test-kit';
import { describe, expect, it } from 'vitest';
import { startDbClientBehindProxy } from './support/db-client-process.js';

const post = (url: string, text: string) =>
  fetch(`${url}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ author: 'outage', text }),
  });

describe('database outage', () => {
  it('when the database connection is cut, then requests answer 503 with Retry-After within 2 s, readiness fails, and liveness holds', async () => {
    const db = await startDbClientBehindProxy();
    try {
      await db.waitUntilReady();
      expect((await post(db.service.url, 'before')).status).toBe(201);

      await db.dbProxy.cut();
      const write = await timed(() => post(db.service.url, 'during'));
      const read = await timed(() => fetch(`${db.service.url}/messages`));
      const ready = await fetch(`${db.service.url}/readyz`);
      const live = await fetch(`${db.service.url}/healthz`);

      expect(write.value.status).toBe(503);
      expect(write.ms).toBeLessThan(2_000);
      expect(write.value.headers.get('retry-after')).toBe('2');
      expect(write.value.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await write.value.json()).toMatchObject({
        type: 'urn:podtalk:problem:database-unavailable',
      });
      expect(read.value.status).toBe(503);
      expect(read.ms).toBeLessThan(2_000);
      expect(ready.status).toBe(503);
      expect(live.status).toBe(200);
    } finally {
      await db.stop();
    }
  });

  it('when the database comes back, then the same process serves again without a restart', async () => {
    const db = await startDbClientBehindProxy();
    try {
      await db.waitUntilReady();
      await db.dbProxy.cut();
      expect((await post(db.service.url, 'during')).status).toBe(503);

      await db.dbProxy.restore();
      await db.waitUntilReady(10_000);
      const write = await post(db.service.url, 'after');
      const stats = (await (await fetch(`${db.service.url}/stats`)).json()) as { count: number };

      expect(write.status).toBe(201);
      expect(stats.count).toBe(1);
      const starts = db.service.logs.filter((line) => line.msg === 'listening');
      expect(starts).toHaveLength(1);
    } finally {
      await db.stop();
    }
  });

  it('when the database is down at startup, then the process stays up unready, logs each retry, and becomes ready once it appears', async () => {
    const db = await startDbClientBehindProxy({ databaseDown: true });
    try {
      const retries = () =>
        db.service.logs.filter((line) => line.msg === 'database not ready; retrying');
      await expect.poll(() => retries().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      const ready = await fetch(`${db.service.url}/readyz`);
      const live = await fetch(`${db.service.url}/healthz`);

      await db.dbProxy.restore();
      await db.waitUntilReady();

      expect(ready.status).toBe(503);
      expect(live.status).toBe(200);
      expect(retries()[0]).toMatchObject({
        attempt: 1,
        service: 'db-client',
        pod: 'db-client-under-test',
      });
      expect(retries()[1]).toMatchObject({ attempt: 2 });
      expect((await post(db.service.url, 'late')).status).toBe(201);
    } finally {
      await db.stop();
    }
  });

  it('when MySQL turns slow, then queries time out with 503 and give their connections back, so the first request after it recovers succeeds at once', async () => {
    const db = await startDbClientBehindProxy({
      env: { DB_POOL_SIZE: '2', DB_TIMEOUT_MS: '500' },
    });
    try {
      await db.waitUntilReady();
      const read = () => timed(() => fetch(`${db.service.url}/messages?limit=1`));
      expect((await read()).value.status).toBe(200);

      // Far slower than the timeout, and three times more requests than the pool has connections.
      db.dbProxy.setDelay(30_000);
      const whileSlow = await Promise.all(Array.from({ length: 6 }, read));
      db.dbProxy.setDelay(0);
      const after = await read();

      expect(whileSlow.map((r) => r.value.status)).toEqual([503, 503, 503, 503, 503, 503]);
      expect(Math.max(...whileSlow.map((r) => r.ms))).toBeLessThan(3 * 500 + 500);
      expect(after.value.status).toBe(200);
      expect(after.ms).toBeLessThan(500);
    } finally {
      await db.stop();
    }
  });

  it('when SIGTERM arrives while it still waits for the database, then it stops waiting and exits 0', async () => {
    const db = await startDbClientBehindProxy({ databaseDown: true });
    try {
      await expect
        .poll(() => db.service.logs.map((line) => line.msg), { timeout: 10_000 })
        .toContain('database not ready; retrying');

      const exitCode = await db.service.stop('SIGTERM');

      expect(exitCode).toBe(0);
      expect(db.service.logs.map((line) => line.msg)).toContain('shutdown complete');
    } finally {
      await db.stop();
    }
  });
});
