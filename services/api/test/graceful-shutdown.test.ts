import { startLoadLoop, waitFor } from '@podtalk/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startDbClient, type DbClient } from './support/topology.js';

let dbClient: DbClient;
beforeAll(async () => (dbClient = await startDbClient()));
afterAll(() => dbClient.stop());

describe('graceful shutdown of a real api process', () => {
  it('when SIGTERM arrives under keep-alive load, then no request fails and the process exits 0', async () => {
    const api = await startApi({ DB_CLIENT_URL: dbClient.service.url, SHUTDOWN_DELAY_MS: '1000' });
    const load = startLoadLoop({ url: `${api.url}/api/messages?limit=5`, concurrency: 8 });
    await load.answered(200);

    const exit = api.stop('SIGTERM');
    // Like the endpoints controller: once /readyz says 503, new requests stop coming.
    await waitFor(async () => (await fetch(`${api.url}/readyz`)).status === 503, {
      timeoutMs: 2_000,
      intervalMs: 20,
      description: 'readiness to turn 503',
    });
    // Endpoint removal takes a moment to reach every node: traffic still arrives while draining.
    await load.answered(load.count() + 100);
    const result = await load.stop();

    expect(await exit).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
  });
});
