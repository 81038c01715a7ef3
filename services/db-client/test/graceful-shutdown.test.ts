import { terminateUnderLoad } from '@podtalk/test-kit';
import { describe, expect, it } from 'vitest';
import { startDbClientBehindProxy } from './support/db-client-process.js';

describe('graceful shutdown of a real process', () => {
  it('when SIGTERM arrives under keep-alive load, then no request fails and the process exits 0', async () => {
    const db = await startDbClientBehindProxy({ env: { SHUTDOWN_DELAY_MS: '1000' } });
    try {
      await db.waitUntilReady();

      const { exitCode, load } = await terminateUnderLoad(db.service, '/messages?limit=5');

      expect(exitCode).toBe(0);
      expect(load.errors).toEqual([]);
      expect(load.failed).toBe(0);
      expect(load.total).toBeGreaterThan(300);
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
