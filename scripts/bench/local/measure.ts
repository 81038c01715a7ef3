import { setTimeout as sleep } from 'node:timers/promises';
import { startLoadLoop, spread, type LoadResult } from '@podtalk/cluster-kit';

export const CONNECTIONS = 32;
export const WARMUP_SEC = 3;
export const WINDOW_SEC = 5;
// Targets whose ratios matter run in interleaved rounds: drift on a shared machine then hits
// every target alike instead of whichever happened to run during it.
export const ROUNDS = 3;

export interface Target {
  name: string;
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
}

export interface Row {
  target: string;
  /** 2xx answers a second: the median round. */
  requestsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  failed: number;
}

/** One window of a closed loop at CONNECTIONS in flight, after its own warm-up. */
async function window(target: Target, seconds: number): Promise<LoadResult> {
  const load = startLoadLoop({
    url: target.url,
    method: target.method ?? 'GET',
    body: target.body,
    concurrency: CONNECTIONS,
  });
  await sleep(WARMUP_SEC * 1000);
  load.mark();
  await sleep(seconds * 1000);
  return load.stop();
}

const rowOf = (target: string, results: LoadResult[]): Row => {
  const rates = spread(results.map((r) => r.requestsPerSec));
  const median = results.find((r) => r.requestsPerSec === rates.median) ?? results[0];
  return {
    target,
    requestsPerSec: rates.median,
    p50: median?.latencyMs.p50 ?? NaN,
    p99: median?.latencyMs.p99 ?? NaN,
    max: median?.latencyMs.max ?? NaN,
    total: results.reduce((n, r) => n + r.total, 0),
    failed: results.reduce((n, r) => n + r.failed, 0),
  };
};

/** Every target, in ROUNDS interleaved rounds; each row is its median round. */
export async function inRounds(targets: Target[], say: (line: string) => void): Promise<Row[]> {
  const results = new Map(targets.map((target) => [target, [] as LoadResult[]]));
  for (let round = 1; round <= ROUNDS; round++)
    for (const [target, measured] of results) {
      const result = await window(target, WINDOW_SEC);
      measured.push(result);
      say(`  round ${round}/${ROUNDS} ${target.name}: ${result.requestsPerSec.toFixed(0)} req/s`);
    }
  return [...results].map(([target, measured]) => rowOf(target.name, measured));
}

/** The api at a steady rate, each request leaving at its own moment: latency at a known load. */
export async function paced(target: Target, rate: number, seconds: number): Promise<Row> {
  const result = await startLoadLoop({
    url: target.url,
    rate,
    concurrency: 10,
    maxRequests: rate * seconds,
  }).finished;
  return rowOf(target.name, [result]);
}
