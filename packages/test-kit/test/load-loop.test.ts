import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoadLoop, waitFor } from '../src/index.js';

let server: Server;
afterEach(() => void server.close());

/** Two fake "pods" behind one port: alternate X-Served-By, and fail when told to. */
async function startPods(failEvery = 0) {
  let n = 0;
  server = createServer((_req, res) => {
    n++;
    res.setHeader('X-Served-By', n % 2 ? 'pod-a' : 'pod-b');
    res.statusCode = failEvery && n % failEvery === 0 ? 503 : 200;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('load loop', () => {
  it('when every answer is 2xx, then it reports zero failures and counts answers by pod', async () => {
    const loop = startLoadLoop({ url: await startPods(), concurrency: 2 });

    await loop.answered(50);
    const result = await loop.stop();

    expect(result.failed).toBe(0);
    expect(result.total).toBeGreaterThanOrEqual(50);
    expect(Object.keys(result.servedBy).sort()).toEqual(['pod-a', 'pod-b']);
    expect(result.servedBy['pod-a']! + result.servedBy['pod-b']!).toBe(result.total);
  });

  it('when some answers are 5xx or the server is gone, then each is a failure', async () => {
    const loop = startLoadLoop({ url: await startPods(10), concurrency: 1, maxRequests: 20 });

    await loop.answered(20);
    const result = await loop.stop();

    expect(result.total).toBe(20);
    expect(result.failed).toBe(2);
    expect(result.statuses).toEqual({ 200: 18, 503: 2 });
  });

  it('when it reaches maxRequests, then it stops by itself', async () => {
    const loop = startLoadLoop({ url: await startPods(), concurrency: 3, maxRequests: 30 });

    await loop.answered(30);
    const result = await loop.stop();

    expect(result.total).toBeLessThanOrEqual(32);
  });
});

describe('waitFor', () => {
  it('when the condition becomes true, then it resolves with the value', async () => {
    let calls = 0;

    const value = await waitFor(() => (++calls >= 3 ? 'done' : undefined), {
      timeoutMs: 1_000,
      intervalMs: 5,
      description: 'the third call',
    });

    expect(value).toBe('done');
  });

  it('when the condition never holds, then it fails naming what it waited for and the last error', async () => {
    const waiting = waitFor(
      () => {
        throw new Error('still starting');
      },
      { timeoutMs: 100, intervalMs: 10, description: 'the service' },
    );

    await expect(waiting).rejects.toThrow(
      'timed out after 100 ms waiting for the service (last error: still starting)',
    );
  });
});
