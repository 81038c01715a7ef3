import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { capacityChartSpec, renderSvg } from './capacity-chart.js';
import type { KindBenchReport } from './kind-bench.js';
import { markdownList, targetLines, type Target } from '../local/report.js';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));
const SCALING_TARGET = 2.7;

/** The fewest api replicas at which something other than the api pods held capacity back. */
const firstSaturation = (results: KindBenchReport['results']) =>
  results.find((r) => /^(db-client|mysql|the machine):/.test(r.limitedBy));

export interface Summary {
  markdown: string;
  /** Whether every reported capacity had 0 errors: the one thing a run must get right. */
  clean: boolean;
}

/** The capacity of each replica count, and what the curve says. */
export function summarize({ options, results }: KindBenchReport): Summary {
  const capacity = (n: number) => results.find((r) => r.replicas === n)?.search.capacity;
  const [one, three] = [capacity(1), capacity(3)];
  const ratio = one && three ? three / one : undefined;
  const rows = results.map(({ replicas, search, limitedBy }) => {
    const at = search.atCapacity?.result;
    const brk = search.firstBreak;
    return `| ${replicas} | ${search.capacity} | ${at ? at.p50 : '—'} | ${at ? at.p99 : '—'} | ${brk ? `${brk.rate} req/s: ${brk.broke}` : '—'} | ${limitedBy} |`;
  });
  const clean = results.every(
    ({ search }) =>
      !search.atCapacity || search.atCapacity.result.errors + search.atCapacity.result.non2xx === 0,
  );
  const targets: Target[] = [];
  if (ratio !== undefined) {
    targets.push({
      name: `capacity grows ≥ ${SCALING_TARGET} × from 1 to 3 api replicas`,
      ok: ratio >= SCALING_TARGET && ratio <= 3,
      detail:
        ratio > 3
          ? `${ratio.toFixed(2)} ×, above 3.0 ×: more than three replicas can do, so the one-replica point was overloaded, not a result`
          : `${ratio.toFixed(2)} ×`,
    });
  }
  targets.push({
    name: '0 errors at every reported capacity',
    ok: clean,
    detail: clean ? 'none' : 'a reported capacity had failed requests',
  });
  const saturated = firstSaturation(results);
  const markdown = [
    `Each api pod limited to ${options.apiCpu} CPU; ${options.dbClientReplicas} db-client limited to ${options.dbClientCpu}, and 1 MySQL. Capacity: the highest open-loop rate, a new connection per request, with p99 ≤ ${options.objective.p99Ms} ms and 0 errors (${options.stepWarmUpSec} s + ${options.stepSec} s a step).`,
    '',
    '| api replicas | capacity (req/s) | p50 ms | p99 ms | first broken rate | limited by (cgroup cpu.stat, at that rate) |',
    '| ---: | ---: | ---: | ---: | --- | --- |',
    ...rows,
    '',
    markdownList('Targets', targetLines(targets)),
    '',
    saturated
      ? `The curve flattens at ${saturated.replicas} api replicas: ${saturated.limitedBy}.`
      : 'No step was held back by db-client, MySQL or the machine: in this run only the api pods themselves limited capacity.',
  ].join('\n');
  return { markdown, clean };
}

/** "db-client: 0.20 of 0.25 cores…" as two lines: who saturated where, and the evidence. */
function saturationLabel({ replicas, limitedBy }: KindBenchReport['results'][number]): string[] {
  const [who = '', evidence = ''] = limitedBy.split(': ');
  return [`${who} saturated at ${replicas} api replicas`, evidence];
}

export interface WriteOptions {
  /**
   * Also write latest-kind.json and kind-capacity.svg, the results the README shows. A short
   * run is proof that the bench works, not a result, so it leaves them alone.
   */
  latest: boolean;
  dir?: string;
}

/** Writes the run's JSON; a full run also its chart and the fixed names the README shows. */
export async function writeKindResults(
  report: KindBenchReport,
  { latest, dir = RESULTS }: WriteOptions,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const json = `${JSON.stringify({ date: new Date().toISOString(), ...report }, null, 2)}\n`;
  const files: [string, string][] = [[`kind-${stamp}.json`, json]];
  if (latest) {
    const saturated = firstSaturation(report.results);
    const svg = await renderSvg(
      capacityChartSpec({
        points: report.results.map((r) => ({ replicas: r.replicas, capacity: r.search.capacity })),
        objective: `req/s at p99 ≤ ${report.options.objective.p99Ms} ms, 0 errors`,
        subtitle: `each api pod limited to ${report.options.apiCpu} CPU, one db-client to ${report.options.dbClientCpu}, one MySQL; a new connection per request; kind cluster, ${new Date().toISOString().slice(0, 10)}`,
        saturation: saturated && {
          replicas: saturated.replicas,
          label: saturationLabel(saturated),
        },
      }),
    );
    files.push(['latest-kind.json', json], ['kind-capacity.svg', svg]);
  }
  for (const [file, content] of files) writeFileSync(`${dir}${file}`, content);
  return files.map(([file]) => `${dir}${file}`);
}
