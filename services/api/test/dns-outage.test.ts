import type { Resolve } from '@podtalk/service-kit';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDbClient, type DbClient } from './support/topology.js';
import { createTestApp } from './support/test-app.js';

let dbClient: DbClient;
beforeAll(async () => {
  dbClient = await startDbClient();
});
afterAll(() => dbClient.stop());

/**
 * A stand-in for cluster DNS that knows db-client's name until it is switched off. Then it
 * refuses at once, or it hangs, as the cluster's does once its nameserver has no endpoints: the
 * system resolver waits 5 s a lookup.
 */
function clusterDns(whileDown: 'refuses' | 'hangs' = 'refuses') {
  const state = { up: true, askedWhileDown: 0 };
  const resolve: Resolve = (hostname) => {
    if (!state.up) {
      state.askedWhileDown++;
      // An answer that never comes: serve-stale gives way on its own timer.
      if (whileDown === 'hangs') return new Promise<never>(() => undefined);
      return Promise.reject(
        Object.assign(new Error(`queryA ECONNREFUSED ${hostname}`), { code: 'ECONNREFUSED' }),
      );
    }
    return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
  };
  return { state, resolve };
}

const serviceUrl = () =>
  `http://db-client.podtalk.svc.cluster.local:${dbClient.service.ports.http}`;

describe('db-client found by name while DNS is away', () => {
  it.each(['refuses', 'hangs'] as const)(
    'when DNS stops answering after the name was resolved (it %s), then every new connection still opens in time to reach db-client',
    async (whileDown) => {
      const dns = clusterDns(whileDown);
      const t = createTestApp(serviceUrl(), {}, { resolve: dns.resolve });
      try {
        expect((await request(t.app).get('/api/messages?limit=1')).status).toBe(200);

        dns.state.up = false;
        // Each whoami pings db-client on a new connection, which looks the name up as it opens.
        const pings = [];
        for (let i = 0; i < 5; i++) pings.push((await request(t.app).get('/api/whoami')).body);

        expect(dns.state.askedWhileDown).toBe(5);
        for (const { dbClient } of pings) {
          expect(dbClient).toMatchObject({ ok: true, servedBy: 'db-client-0' });
          // undici's connect timer counts the lookup, and can fire from 0.5 s on: a ping that
          // waited that long for DNS would have been a race with it.
          expect(dbClient.latencyMs).toBeLessThan(500);
        }
      } finally {
        await t.close();
      }
    },
  );

  it('when DNS has never answered for the name, then the api answers 503 naming the lookup failure', async () => {
    const dns = clusterDns();
    dns.state.up = false;
    const t = createTestApp(serviceUrl(), {}, { resolve: dns.resolve });
    try {
      const res = await request(t.app).get('/api/messages?limit=1');

      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({
        type: 'urn:podtalk:problem:upstream-unavailable',
        detail: 'db-client could not be reached (ECONNREFUSED)',
      });
    } finally {
      await t.close();
    }
  });
});
