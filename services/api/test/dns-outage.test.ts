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

/** A stand-in for cluster DNS that knows db-client's name until it is switched off. */
function clusterDns() {
  const state = { up: true, askedWhileDown: 0 };
  const resolve: Resolve = (hostname) => {
    if (!state.up) {
      state.askedWhileDown++;
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
  it('when DNS stops answering after the name was resolved, then every call still reaches db-client', async () => {
    const dns = clusterDns();
    const t = createTestApp(serviceUrl(), {}, { resolve: dns.resolve, dnsTtlMs: 50 });
    try {
      expect((await request(t.app).get('/api/messages?limit=1')).status).toBe(200);

      dns.state.up = false;
      const statuses: number[] = [];
      // Calls go on until the cached answer has expired and DNS was asked, and refused, twice.
      await expect
        .poll(
          async () => {
            statuses.push((await request(t.app).get('/api/messages?limit=1')).status);
            return dns.state.askedWhileDown;
          },
          { timeout: 5_000, interval: 20, message: 'lookups while DNS is down' },
        )
        .toBeGreaterThanOrEqual(2);

      expect(statuses.length).toBeGreaterThan(1);
      expect(new Set(statuses)).toEqual(new Set([200]));
    } finally {
      await t.close();
    }
  });

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
