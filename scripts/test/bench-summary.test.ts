import { describe, expect, it } from 'vitest';
import { nameLimit } from '../bench/kind/limit.js';
import { spread, summarize } from '../bench/kind/summary.js';
import { apiBoundStep, evidenceOf, pod } from './support/bench-steps.js';

describe('a run summarized over its rounds', () => {
  it('when three rounds measure 1 and 3 replicas, then each capacity and the 1→3 ratio are medians with their range', () => {
    const steps = [
      apiBoundStep(1, 3, 300),
      apiBoundStep(1, 1, 100),
      apiBoundStep(2, 3, 270),
      apiBoundStep(2, 1, 100),
      apiBoundStep(3, 3, 290),
      apiBoundStep(3, 1, 95),
    ];
    const summary = summarize(steps);

    expect(summary.byReplicas.map((r) => [r.replicas, r.capacity.median])).toEqual([
      [1, 100],
      [3, 290],
    ]);
    expect(summary.byReplicas[1]?.capacity).toMatchObject({ min: 270, max: 300 });
    expect(summary.oneToThree?.values).toEqual([3, 2.7, expect.closeTo(3.05, 2)]);
    expect(summary.oneToThree?.median).toBe(3);
    expect(summary.saturatedAt).toBeUndefined();
  });

  it('when the api pods use the same CPU per request at every count, then the api’s CPU per request stays flat', () => {
    const summary = summarize([apiBoundStep(1, 1, 100), apiBoundStep(1, 3, 300)]);
    const api = summary.byReplicas.map((r) => r.cpuMsPerRequest.api.median);

    // 0.095 cores a pod: 0.95 ms a request at 1 replica and at 3.
    expect(api[0]).toBeCloseTo(0.95, 5);
    expect(api[1]).toBeCloseTo(api[0]!, 5);
  });

  it('when db-client limits most rounds from 4 replicas on, then the run saturates at 4', () => {
    const dbBound = (round: number) => {
      const evidence = evidenceOf({
        throughput: 380,
        pods: [pod('api', 0.07), pod('db-client', 0.39, { limitCores: 0.4, throttledShare: 0.8 })],
      });
      return { round, replicas: 4, attempt: 1, evidence, limit: nameLimit(evidence) };
    };
    const summary = summarize([
      apiBoundStep(1, 3, 300),
      dbBound(1),
      dbBound(2),
      apiBoundStep(3, 4, 390),
    ]);

    expect(summary.saturatedAt).toBe(4);
  });

  it('when values are an even count, then the median is the mean of the middle two', () => {
    expect(spread([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, values: [4, 1, 3, 2] });
  });
});
