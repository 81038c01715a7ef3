import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { markdownList, targetLines, type Target } from '../../lib/markdown.js';
import { describeShape } from './bench-overlay.js';
import { capacityChartSpec, renderSvg } from './capacity-chart.js';
import { STOLEN_SHARE, type StepResult } from './kind-bench.js';
import type { KindBenchOptions } from './profiles.js';
import { summarize, type Spread, type Summary } from './summary.js';
import { describeLimit } from './words.js';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

/** One run, as its JSON file keeps it: every step's evidence, and the summary drawn from them. */
export interface KindBenchReport {
  date: string;
  machine: { cores: number | undefined; cpu: string };
  options: KindBenchOptions;
  steps: StepResult[];
  summary: Summary;
}

export function kindBenchReport(
  options: KindBenchOptions,
  steps: StepResult[],
  cpu: string,
): KindBenchReport {
  return {
    date: new Date().toISOString(),
    machine: { cores: steps[0]?.evidence.kernel?.cores, cpu },
    options,
    steps,
    summary: summarize(steps),
  };
}

const range = ({ median, min, max }: Spread, digits = 0) =>
  `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

/** The run as Markdown: a row per replica count, its spread over the rounds, and the ratio. */
export function markdownReport({ options, steps, summary }: KindBenchReport): string {
  const rows = summary.byReplicas.map(({ replicas, capacity, cpuMsPerRequest, p99Ms, failed }) => {
    const limits = steps
      .filter((s) => s.replicas === replicas)
      .map((s) => `round ${s.round}: ${describeLimit(s.limit, s.evidence)}`)
      .join('<br>');
    return `| ${replicas} | ${range(capacity)} | ${range(cpuMsPerRequest.api, 2)} | ${range(cpuMsPerRequest['db-client'], 2)} | ${range(p99Ms)} | ${failed} | ${limits} |`;
  });
  const { oneToThree } = summary;
  const targets: Target[] = [
    {
      name: '0 failed requests in every measured window',
      ok: summary.byReplicas.every((r) => r.failed === 0),
      detail: `${summary.byReplicas.reduce((sum, r) => sum + r.failed, 0)} failed`,
    },
  ];
  return [
    `Each api pod held to ${options.apiCpu} CPU; ${options.dbClientReplicas} db-client held to ${options.dbClientCpu}, and 1 MySQL. Capacity: the throughput with ${options.inFlightPerReplica} requests in flight per api replica on keep-alive connections, so every pod always has work waiting. Every pod warmed for ${options.warmUpSec} s first, and ${options.roundWarmUpSec} s before each later round; ${options.stepWarmUpSec} s + ${options.stepSec} s a step, ${options.rounds} rounds; median, then the range.`,
    '',
    '| api replicas | capacity (req/s) | api CPU ms a request | db-client CPU ms a request | p99 ms | failed | limited by, each round |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows,
    '',
    oneToThree
      ? `From 1 to 3 replicas, capacity grew ${range(oneToThree, 2)} ×, round by round.`
      : 'This run did not measure both 1 and 3 replicas.',
    `${steps.filter((s) => s.attempt > 1).length} of ${steps.length} windows were measured again: in the first try the hypervisor took more than ${STOLEN_SHARE * 100} % of the machine.`,
    summary.saturatedAt === undefined
      ? 'In most rounds the api pods themselves limited capacity at every count.'
      : `From ${summary.saturatedAt} replicas on, in most rounds something other than the api pods limited capacity.`,
    '',
    markdownList('Checks', targetLines(targets)),
  ].join('\n');
}

export interface WriteOptions {
  /**
   * Also write latest-kind.json and kind-capacity.svg, the results the docs show. A short run is
   * proof that the bench works, not a result, so it leaves them alone.
   */
  latest: boolean;
  dir?: string;
}

/** Writes the run's JSON; a full run also its chart and the fixed names the docs show. */
export async function writeKindResults(
  report: KindBenchReport,
  { latest, dir = RESULTS }: WriteOptions,
): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const files: [string, string][] = [[`kind-${stamp}.json`, json]];
  if (latest) {
    const svg = await renderSvg(
      capacityChartSpec({
        steps: report.steps.map((s) => ({
          round: s.round,
          replicas: s.replicas,
          capacity: s.evidence.throughput,
        })),
        summary: report.summary,
        subtitle: `${describeShape(report.options)}; ${report.options.rounds} rounds; kind on ${report.machine.cores ?? '?'} cores, ${report.date.slice(0, 10)}`,
      }),
    );
    files.push(['latest-kind.json', json], ['kind-capacity.svg', svg]);
  }
  for (const [file, content] of files) writeFileSync(`${dir}${file}`, content);
  return files.map(([file]) => `${dir}${file}`);
}
