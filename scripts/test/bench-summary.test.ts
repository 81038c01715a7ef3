import { describe, expect, it } from 'vitest';
import { capacityChartSpec } from '../bench/kind/chart.js';
import { renderSvg } from '../lib/vega.js';
import { nameLimit } from '../bench/kind/limit.js';
import { summarize } from '../bench/kind/summary.js';
import { describeLimit } from '../bench/kind/words.js';
import { evidenceOf, pod, step } from './support/bench-steps.js';

// Two rounds of a run with a knee: one api pod gives 180 or 170 req/s, three about 3 ×, and
// db-client's 0.3 cores hold 5 and 7 pods at about 700.
const RUN = [
  step(1, 7, 705),
  step(1, 5, 695),
  step(1, 3, 520),
  step(1, 1, 180),
  step(2, 7, 690),
  step(2, 5, 700),
  step(2, 3, 500),
  step(2, 1, 170),
];

describe('what a run says', () => {
  it('when the api pods limit up to 3 and db-client from 5 on, then the ratio, the ceiling and the knee come per round', () => {
    const summary = summarize(RUN);

    expect(summary.oneToThree?.values.map((v) => +v.toFixed(3))).toEqual([2.889, 2.941]);
    expect(summary.ceiling?.values).toEqual([705, 700]);
    // Where each round's api line (capacity at 3 ÷ 3 a pod) meets its ceiling.
    expect(summary.knee?.values.map((v) => +v.toFixed(2))).toEqual([4.07, 4.2]);
    expect(summary.byReplicas.map((r) => [r.replicas, r.capacity.median])).toEqual([
      [1, 175],
      [3, 510],
      [5, 697.5],
      [7, 697.5],
    ]);
  });

  it('when no step is held by db-client or MySQL, then the run names no ceiling and no knee', () => {
    const summary = summarize([step(1, 3, 500), step(1, 1, 170)]);

    expect(summary.ceiling).toBeUndefined();
    expect(summary.knee).toBeUndefined();
  });

  it('when the shared side and the api pods are both at their limits, then the shared side is named: more api pods cannot help', () => {
    const evidence = evidenceOf({
      pods: [pod('api', 0.095), pod('db-client', 0.29, { limitCores: 0.3, throttledShare: 0.7 })],
    });

    expect(nameLimit(evidence)).toMatchObject({ cause: 'cpu-limit', component: 'db-client' });
    expect(describeLimit(nameLimit(evidence), evidence)).toBe(
      'db-client at its CPU limit: 1 of 1 pods used 0.29 of 0.30 cores, throttled in 70 % of periods or more',
    );
  });

  it('when no pod is at its limit and the machine has room, then the limit is unknown, with the numbers that rule each cause out', () => {
    const evidence = evidenceOf({
      pods: [
        pod('api', 0.05, { throttledShare: 0.1 }),
        pod('db-client', 0.1, { limitCores: 0.3, throttledShare: 0 }),
      ],
    });

    expect(describeLimit(nameLimit(evidence), evidence)).toBe(
      'unknown: no pod at its limit (busiest: api 0.05 of 0.10, db-client 0.10 of 0.30); the machine 1.00 of 2 cores; the load generator 0.20 cores',
    );
  });

  it('when drawn, then the chart names both regions and the ceiling with where it is reached', async () => {
    const svg = await renderSvg(capacityChartSpec(RUN, summarize(RUN), 'a test run'));

    expect(svg).toContain('a step the api pods limited');
    expect(svg).toContain('a step db-client or MySQL limited');
    expect(svg).toContain('ceiling 703 req/s, reached at about 4.1 api pods');
  });
});
