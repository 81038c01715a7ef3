import { fileURLToPath } from 'node:url';
import { execa, execaSync, ExecaError } from 'execa';
import type { LoadResult, LoadSpec } from './load-spec.js';

const REPORT_SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

interface WrkReport {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  maxUs: number;
  socketErrors: number;
  httpErrors: number;
}

const ms = (us: number) => Math.round(us / 100) / 10;

/** Whether wrk is on the PATH. */
export const hasWrk = () => execaSync('wrk', ['--version'], { reject: false }).code !== 'ENOENT';

/**
 * Drives one target with wrk at fixed concurrency. One wrk thread is enough for these rates
 * and leaves the most CPU to the services that share the machine with it.
 */
export async function driveWithWrk(spec: LoadSpec): Promise<LoadResult> {
  if (!Number.isInteger(spec.durationSec)) throw new Error('wrk runs for whole seconds only');
  // wrk exits 1 when it cannot connect at all; errors after that are counted, not fatal.
  const { stdout } = await execa(
    'wrk',
    [
      '--threads=1',
      `--connections=${spec.connections}`,
      `--duration=${spec.durationSec}s`,
      // A stuck target costs errors after 10 s, never a bench that hangs.
      '--timeout=10s',
      `--script=${REPORT_SCRIPT}`,
      spec.url,
    ],
    {
      env: {
        BENCH_METHOD: spec.method ?? 'GET',
        ...(spec.body === undefined ? {} : { BENCH_BODY: JSON.stringify(spec.body) }),
      },
    },
  ).catch((error: unknown) => {
    throw new Error(
      `wrk failed on ${spec.url}: ${error instanceof ExecaError ? error.stderr : String(error)}`,
    );
  });
  const report = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as WrkReport;
  return {
    requestsPerSec: report.requests / (report.durationUs / 1e6),
    p50: ms(report.p50Us),
    p99: ms(report.p99Us),
    max: ms(report.maxUs),
    total: report.requests,
    errors: report.socketErrors,
    // wrk counts answers of 400 and above; these targets never redirect.
    non2xx: report.httpErrors,
  };
}
