import { describe, expect, it } from 'vitest';
import { brokeBy, findCapacity, type SearchOptions } from '../bench/kind/capacity.js';
import type { LoadResult } from '../bench/load/load.js';
import { drivePaced } from '../bench/load/paced-load.js';
import { targetServer } from './support/target-server.js';

const OPTIONS: SearchOptions = {
  objective: { p99Ms: 100 },
  startRate: 50,
  growth: 1.5,
  refinements: 3,
  minRate: 5,
  maxRate: 5_000,
  confirmBreaks: false,
};

/** A service that keeps p99 at 20 ms up to `limit` req/s and falls over past it. */
const serviceWithLimit =
  (limit: number, failing = false) =>
  (rate: number): Promise<LoadResult> =>
    Promise.resolve({
      requestsPerSec: rate,
      p50: 5,
      p99: rate <= limit ? 20 : 400,
      max: rate <= limit ? 30 : 900,
      total: rate * 5,
      errors: failing && rate > limit ? 3 : 0,
      non2xx: 0,
    });

describe('the capacity search of pnpm bench --target', () => {
  it('when the objective breaks past 300 req/s, then the capacity is just under it and the first break just over', async () => {
    const search = await findCapacity(serviceWithLimit(300), OPTIONS);

    expect(search.capacity).toBeLessThanOrEqual(300);
    expect(search.capacity).toBeGreaterThan(300 * 0.9);
    expect(search.firstBreak?.rate).toBeGreaterThan(300);
    expect(search.firstBreak?.broke).toBe('p99 400 ms > 100 ms');
    expect(search.atCapacity?.result.p99).toBe(20);
  });

  it('when the starting rate is already too much, then it steps down until a rate holds', async () => {
    const search = await findCapacity(serviceWithLimit(20), OPTIONS);

    expect(search.steps[0]?.rate).toBe(50);
    expect(search.capacity).toBeGreaterThan(15);
    expect(search.capacity).toBeLessThanOrEqual(20);
  });

  it('when a rate breaks once but holds when run again, then with confirmBreaks it counts as held', async () => {
    let calls = 0;
    // Every first run at 120 req/s is spoiled by a stall; the rerun holds.
    const stallOnce = (rate: number) =>
      rate === 120 && calls++ === 0
        ? Promise.resolve({
            requestsPerSec: rate,
            p50: 5,
            p99: 900,
            max: 950,
            total: 100,
            errors: 0,
            non2xx: 0,
          })
        : serviceWithLimit(300)(rate);

    const search = await findCapacity(stallOnce, {
      ...OPTIONS,
      startRate: 120,
      confirmBreaks: true,
    });

    expect(search.steps.map((s) => [s.rate, s.broke !== ''])).toContainEqual([120, true]);
    expect(search.capacity).toBeGreaterThan(270);
  });

  it('when answers fail, then the step is broken by its failures, whatever the latency', () => {
    const result = { requestsPerSec: 10, p50: 1, p99: 2, max: 3, total: 97, errors: 2, non2xx: 1 };

    expect(brokeBy(result, { p99Ms: 100 })).toBe('3 of 99 requests failed');
  });

  it('when even the lowest rate breaks, then the capacity is 0 and the break is reported', async () => {
    const search = await findCapacity(serviceWithLimit(1, true), { ...OPTIONS, startRate: 10 });

    expect(search.capacity).toBe(0);
    expect(search.atCapacity).toBeUndefined();
    expect(search.firstBreak?.rate).toBe(5);
  });

  const target = targetServer();

  it('when a real server can do one request at a time of 10 ms, then the capacity found is about 100 req/s at most', async () => {
    let busyUntil = 0;
    const url = await target.serve((_req, res) => {
      // One worker: each answer waits for the ones before it, then takes 10 ms.
      busyUntil = Math.max(busyUntil, performance.now()) + 10;
      setTimeout(() => res.end('ok'), busyUntil - performance.now());
    });

    const search = await findCapacity(
      (rate) => drivePaced({ url, rate, durationSec: 1, connections: 64 }),
      { ...OPTIONS, objective: { p99Ms: 50 }, startRate: 20, refinements: 1 },
    );

    expect(search.capacity).toBeGreaterThan(0);
    // 100 req/s is all one 10 ms worker can do; a 1 s step lets a little more slip by.
    expect(search.capacity).toBeLessThan(110);
    expect(search.firstBreak?.broke).toMatch(/^p99 /);
  });
});
