import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Step } from '../bench/kind/capacity.js';
import { FULL_RUN, limitingComponent, type KindBenchReport } from '../bench/kind/kind-bench.js';
import { summarize, writeKindResults } from '../bench/kind/kind-report.js';

const step = (rate: number, p99: number, errors = 0): Step => ({
  rate,
  result: { requestsPerSec: rate, p50: 3, p99, max: p99 * 2, total: rate * 8, errors, non2xx: 0 },
  broke: p99 > 500 ? `p99 ${p99} ms > 500 ms` : '',
});

/** A run whose capacities are given, each broken by what `limits` says. */
function report(capacities: [number, number, string][]): KindBenchReport {
  return {
    options: { ...FULL_RUN, target: 'http://x:30080', cluster: 'podtalk' },
    steps: {},
    results: capacities.map(([replicas, capacity, limitedBy]) => ({
      replicas,
      limitedBy,
      search: {
        capacity,
        atCapacity: step(capacity, 80),
        firstBreak: step(Math.round(capacity * 1.05), 900),
        steps: [],
      },
    })),
  };
}

const cpu = (api: number, dbClient: number) => ({
  api: { pods: 3, coresPerPod: api, limitCores: 0.1, throttledShare: 0.6 },
  'db-client': { pods: 1, coresPerPod: dbClient, limitCores: 0.2, throttledShare: 0.9 },
  mysql: { pods: 1, coresPerPod: 0.05, limitCores: 1, throttledShare: 0 },
});

describe('what the kind bench reports', () => {
  it('when capacity grows 2.9 × to 3 replicas and then flattens on db-client, then it says so with the evidence', () => {
    const { markdown, clean } = summarize(
      report([
        [1, 170, 'api: 0.10 of 0.10 cores per pod, throttled in 97 % of periods'],
        [3, 493, 'api: 0.10 of 0.10 cores per pod, throttled in 95 % of periods'],
        [4, 520, 'db-client: 0.19 of 0.20 cores per pod, throttled in 93 % of periods'],
      ]),
    );

    expect(clean).toBe(true);
    expect(markdown).toContain('| 3 | 493 | 3 | 80 | 518 req/s: p99 900 ms > 500 ms |');
    expect(markdown).toContain('✓ capacity grows ≥ 2.7 × from 1 to 3 api replicas: 2.90 ×');
    expect(markdown).toContain(
      'The curve flattens at 4 api replicas: db-client: 0.19 of 0.20 cores per pod, throttled in 93 % of periods.',
    );
  });

  it('when 3 replicas did more than 3 × one, then the one-replica point is called overloaded, not a result', () => {
    const { markdown } = summarize(
      report([
        [1, 80, 'api: …'],
        [3, 300, 'api: …'],
      ]),
    );

    expect(markdown).toContain(
      '✗ capacity grows ≥ 2.7 × from 1 to 3 api replicas: 3.75 ×, above 3.0 ×: more than three replicas can do, so the one-replica point was overloaded, not a result',
    );
  });

  it('when a step broke, then the shared side at its limit is named first, then the api, else the full machine, else nothing', () => {
    expect(limitingComponent({ cpu: cpu(0.09, 0.19), hostBusyCores: 1.2 })).toBe(
      'db-client: 0.19 of 0.20 cores per pod, throttled in 90 % of periods',
    );
    expect(limitingComponent({ cpu: cpu(0.09, 0.1), hostBusyCores: 1.2 })).toBe(
      'api: 0.09 of 0.10 cores per pod, throttled in 60 % of periods',
    );
    expect(limitingComponent({ cpu: cpu(0.05, 0.1), hostBusyCores: 99 })).toMatch(
      /^the machine: 99.00 of its \d+ cores busy$/,
    );
    expect(limitingComponent({ cpu: cpu(0.05, 0.1), hostBusyCores: 0.5 })).toBe(
      'no pod at its CPU limit, and the machine not full',
    );
  });

  it('when results are written, then the JSON and an SVG chart of the curve land together', async () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'kind-bench-'))}/`;

    const files = await writeKindResults(
      report([
        [1, 170, 'api: …'],
        [2, 340, 'api: …'],
        [3, 480, 'db-client: 0.19 of 0.20 cores per pod, throttled in 93 % of periods'],
      ]),
      { latest: true, dir },
    );

    expect(files.map((f) => f.replace(dir, ''))).toEqual([
      expect.stringMatching(/^kind-.*\.json$/),
      'latest-kind.json',
      'kind-capacity.svg',
    ]);
    const svg = readFileSync(files[2]!, 'utf8');
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('db-client saturated at 3 api replicas');
    expect(svg).toContain('0.19 of 0.20 cores per pod, throttled in 93 % of periods');
    expect(JSON.parse(readFileSync(files[1]!, 'utf8')).results).toHaveLength(3);
  });

  it('when a short run is written, then only its own JSON lands, and the README’s results stay', async () => {
    const dir = `${mkdtempSync(join(tmpdir(), 'kind-bench-'))}/`;

    const files = await writeKindResults(report([[1, 170, 'api: …']]), { latest: false, dir });

    expect(files.map((f) => f.replace(dir, ''))).toEqual([
      expect.stringMatching(/^kind-.*\.json$/),
    ]);
    expect(readdirSync(dir)).toEqual([files[0]!.replace(dir, '')]);
  });
});
