import { terminateUnderLoad } from '@podtalk/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, startDbClient, type DbClient } from './support/topology.js';

let dbClient: DbClient;
beforeAll(async () => (dbClient = await startDbClient()));
afterAll(() => dbClient.stop());

describe('graceful shutdown of a real api process', () => {
  it('when SIGTERM arrives under keep-alive load, then no request fails and the process exits 0', async () => {
    const api = await startApi({ DB_CLIENT_URL: dbClient.service.url, SHUTDOWN_DELAY_MS: '1000' });

    const { exitCode, load } = await terminateUnderLoad(api, '/api/messages?limit=5');

    expect(exitCode).toBe(0);
    expect(load.errors).toEqual([]);
    expect(load.failed).toBe(0);
    expect(load.total).toBeGreaterThan(300);
  });
});
