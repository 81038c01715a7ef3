import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoadLoop } from '../src/index.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/**
 * Two "pods" behind one port: alternate X-Served-By. Every `failEvery`-th answer is a 503,
 * a problem+json with Retry-After unless `retryAfter` is false; `delayMs` holds each answer back.
 */
async function startPods({ failEvery = 0, retryAfter = true, delayMs = 0 } = {}) {
  let n = 0;
  const started = createServer((_req, res) => {
    n++;
    res.setHeader('X-Served-By', n % 2 ? 'pod-a' : 'pod-b');
    if (failEvery && n % failEvery === 0) {
      res.statusCode = 503;
      if (retryAfter) res.setHeader('Retry-After', '1');
      res.setHeader('Content-Type', 'application/problem+json');
    }
    const problem = { title: 'Service Unavailable', detail: 'the database is away' };
    setTimeout(() => res.end(res.statusCode === 503 ? JSON.stringify(problem) : ''), delayMs);
  });
  await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
  server = started;
  return `http://127.0.0.1:${(started.address() as AddressInfo).port}/`;
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

  it('when some answers are 5xx, then each is a failure, its kind named once with its pod and problem, and those without Retry-After are counted', async () => {
    const withHint = startLoadLoop({
      url: await startPods({ failEvery: 10 }),
      concurrency: 1,
      maxRequests: 20,
    });
    const hinted = await withHint.finished;
    server?.close();
    const without = startLoadLoop({
      url: await startPods({ failEvery: 10, retryAfter: false }),
      concurrency: 1,
      maxRequests: 20,
    });
    const bare = await without.finished;

    expect(hinted).toMatchObject({ total: 20, failed: 2, failedWithoutRetryAfter: 0 });
    expect(hinted.statuses).toEqual({ 200: 18, 503: 2 });
    expect(hinted.errors).toEqual(['HTTP 503 from pod-b: the database is away']);
    expect(bare).toMatchObject({ total: 20, failed: 2, failedWithoutRetryAfter: 2 });
  });

  it('when the server is gone mid-run, then every request after that is a network failure', async () => {
    const loop = startLoadLoop({ url: await startPods(), concurrency: 2 });
    await loop.answered(20);

    server!.closeAllConnections();
    server!.close();
    const before = loop.count();
    await loop.answered(before + 20);
    const result = await loop.stop();

    expect(result.failed).toBeGreaterThanOrEqual(20);
    expect(result.failed).toBe(
      result.total - Object.values(result.statuses).reduce((a, b) => a + b, 0),
    );
    expect(result.errors.some((e) => /ECONNREFUSED|other side closed|socket/i.test(e))).toBe(true);
  });

  it('when it reaches maxRequests, then it ends by itself with exactly that many', async () => {
    const loop = startLoadLoop({ url: await startPods(), concurrency: 3, maxRequests: 30 });

    const result = await loop.finished;

    expect(result.total).toBe(30);
    expect(result.failed).toBe(0);
  });

  it('when an answer never comes, then the request fails after requestTimeoutMs instead of hanging', async () => {
    const loop = startLoadLoop({
      url: await startPods({ delayMs: 60_000 }),
      concurrency: 1,
      maxRequests: 1,
      requestTimeoutMs: 200,
    });

    const before = Date.now();
    const result = await loop.finished;

    expect(result).toMatchObject({ total: 1, failed: 1 });
    expect(result.slowestMs).toBeGreaterThanOrEqual(190);
    expect(result.slowestMs).toBeLessThan(500);
    // When it failed, so a scenario can say for how long requests failed.
    expect(result.failureTimes).toHaveLength(1);
    expect(result.failureTimes[0]).toBeGreaterThanOrEqual(before);
  });

  it('when the loop ends before n answers, then answered(n) rejects instead of waiting forever', async () => {
    const loop = startLoadLoop({ url: await startPods(), concurrency: 1, maxRequests: 5 });

    await expect(loop.answered(10)).rejects.toThrow(
      'the load loop ended after 5 answers, before 10',
    );
  });
});
