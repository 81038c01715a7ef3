import type { LoadGenerator, LoadResult, LoadSpec } from '../load/load.js';
import type { Row } from './report.js';

export const CONNECTIONS = 32;
export const WARMUP_SEC = 3;
export const MEASURE_SEC = 10;
// The GET targets, whose ratios matter most, run in interleaved rounds: drift on a shared
// machine then hits every target alike instead of whichever happened to run during it.
export const ROUNDS = 3;
export const ROUND_SEC = 5;

export type Spec = Omit<LoadSpec, 'connections' | 'durationSec'>;

const say = (line: string) => process.stdout.write(`${line}\n`);

const load = (generator: LoadGenerator, spec: Spec, durationSec: number) =>
  generator.drive({ ...spec, connections: CONNECTIONS, durationSec });

/** One target, warmed up, then measured once. */
export async function measure(generator: LoadGenerator, target: string, spec: Spec): Promise<Row> {
  process.stdout.write(`  ${target}: warm-up ${WARMUP_SEC} s, then ${MEASURE_SEC} s …`);
  await load(generator, spec, WARMUP_SEC);
  const result = await load(generator, spec, MEASURE_SEC);
  process.stdout.write(` ${result.requestsPerSec.toFixed(0)} req/s\n`);
  return { target, ...result };
}

/** The run with the median throughput; errors and request counts add up over all runs. */
function medianRow(target: string, results: LoadResult[]): Row {
  const sorted = [...results].sort((a, b) => a.requestsPerSec - b.requestsPerSec);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!median) throw new Error(`no runs for ${target}`);
  const sum = (pick: (r: LoadResult) => number) => sorted.reduce((n, r) => n + pick(r), 0);
  return {
    target,
    ...median,
    total: sum((r) => r.total),
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
  };
}

/** Several targets, each warmed up, then measured in interleaved rounds; each row is its median round. */
export async function measureInRounds(
  generator: LoadGenerator,
  targets: { target: string; spec: Spec }[],
): Promise<Row[]> {
  const runs = targets.map((t) => ({ ...t, results: [] as LoadResult[] }));
  for (const { spec } of runs) await load(generator, spec, WARMUP_SEC);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const { target, spec, results } of runs) {
      const result = await load(generator, spec, ROUND_SEC);
      results.push(result);
      say(`  round ${round}/${ROUNDS} ${target}: ${result.requestsPerSec.toFixed(0)} req/s`);
    }
  }
  return runs.map(({ target, results }) => medianRow(target, results));
}
