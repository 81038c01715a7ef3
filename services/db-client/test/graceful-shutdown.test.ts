import { startLoadLoop, waitFor } from '@podtalk/test-kit';
import { describe, expect, it } from 'vitest';
import { startDbClientBehindProxy } from './support/db-client-process.js';

describe('graceful shutdown of a real process', () => {
  it('when SIGTERM arrives under keep-alive load, then no request fails and the process exits 0', async () => {
    const db = await startDbClientBehindProxy({ env: { SHUTDOWN_DELAY_MS: '1000' } });
    try {
      await db.waitUntilReady();
      const load = startLoadLoop({ url: `${db.service.url}/messages?limit=5`, concurrency: 8 });
      await load.answered(200);

      const exit = db.service.stop('SIGTERM');
      // Like the endpoints controller: once /readyz says 503, stop sending new requests.
      await waitFor(async () => (await fetch(`${db.service.url}/readyz`)).status === 503, {
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
      expect(result.total).toBeGreaterThan(200);
      expect(db.service.logs.map((line) => line.msg)).toEqual(
        expect.arrayContaining([
          'shutdown requested',
          'draining: readiness is now 503',
          'shutdown complete',
        ]),
      );
    } finally {
      await db.stop();
    }
  });
});
