import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Spread } from '@podtalk/cluster-kit';
import { describeShape } from './bench-objects.js';
import { renderSvg } from '../../lib/vega.js';
import { capacityChartSpec } from './chart.js';
import type { Limit } from './limit.js';
import type { Profile } from './profile.js';
import { summarize, type StepResult, type Summary } from './summary.js';
import { range } from './words.js';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

/** One run: what was asked, every step's evidence, and the summary drawn from them. */
export interface KindReport {
  date: string;
  machine: { cores: number | undefined; cpu: string };
  profile: Profile;
  steps: StepResult[];
  summary: Summary;
}

export const kindReport = (profile: Profile, steps: StepResult[], cpu: string): KindReport => ({
  date: new Date().toISOString(),
  machine: { cores: steps[0]?.evidence.machine.cores, cpu },
  profile,
  steps,
  summary: summarize(steps),
});

const shortLimit = (limit: Limit) => (limit.cause === 'cpu-limit' ? limit.component : limit.cause);

/** The run in a few lines: each count of api pods, what limited it each round, and what it adds up to. */
export function printedReport({ profile, steps, summary }: KindReport): string {
  const { oneToThree, ceiling, knee } = summary;
  const failed = steps.reduce((sum, s) => sum + s.evidence.failed, 0);
  return [
    `${describeShape(profile)}; ${profile.inFlightPerReplica} requests in flight per serving api pod; ${profile.rounds} round${profile.rounds === 1 ? '' : 's'}; median, then the range:`,
    ...summary.byReplicas.map(
      ({ replicas, capacity }) =>
        `  ${replicas} × api: ${range(capacity)} req/s, limited by ${steps
          .filter((s) => s.replicas === replicas)
          .map((s) => shortLimit(s.limit))
          .join(', ')}`,
    ),
    oneToThree
      ? `From 1 to 3 api pods, capacity grew ${range(oneToThree, 2)} ×, round by round.`
      : 'This run did not measure both 1 and 3 api pods.',
    ceiling && knee
      ? `db-client or MySQL held capacity at ${range(ceiling)} req/s; the api pods' line meets that ceiling at ${range(knee, 1)} api pods.`
      : 'No step was held by db-client or MySQL: this run found no ceiling.',
    `${failed === 0 ? '✓' : '✗'} ${failed} failed requests in the measured windows.`,
  ].join('\n');
}

// A spread without its values: the steps' line holds those.
const medianAndRange = (value: Spread | undefined) =>
  value && { median: value.median, min: value.min, max: value.max };

/** Each step in one short line: round, api pods, req/s, and what limited it. */
export const compactRecord = ({ date, profile, steps, summary }: KindReport) => ({
  date,
  shape: describeShape(profile),
  rounds: profile.rounds,
  steps: steps.map((s) => [
    s.round,
    s.replicas,
    Math.round(s.evidence.throughput),
    shortLimit(s.limit),
  ]),
  oneToThree: medianAndRange(summary.oneToThree),
  ceiling: medianAndRange(summary.ceiling),
  knee: medianAndRange(summary.knee),
});

/**
 * Writes the run's full evidence (git-ignored). A full run also appends its compact record to
 * kind-runs.jsonl and becomes the charted run; a short run is proof the bench works, not a result.
 */
export async function writeKindResults(
  report: KindReport,
  { full, dir = RESULTS }: { full: boolean; dir?: string },
): Promise<string[]> {
  mkdirSync(`${dir}runs`, { recursive: true });
  const dump = `${dir}runs/kind-${report.date.replace(/[:.]/g, '-')}.json`;
  const files = [dump];
  writeFileSync(dump, `${JSON.stringify(report, null, 2)}\n`);
  if (!full) return files;
  appendFileSync(`${dir}kind-runs.jsonl`, `${JSON.stringify(compactRecord(report))}\n`);
  const subtitle = `${describeShape(report.profile)}; ${report.profile.rounds} rounds; kind on ${report.machine.cores ?? '?'} cores, ${report.date.slice(0, 10)}`;
  writeFileSync(
    `${dir}latest-kind.json`,
    `${JSON.stringify({ ...compactRecord(report), summary: report.summary }, null, 2)}\n`,
  );
  writeFileSync(
    `${dir}kind-capacity.svg`,
    await renderSvg(capacityChartSpec(report.steps, report.summary, subtitle)),
  );
  return [...files, `${dir}kind-runs.jsonl`, `${dir}latest-kind.json`, `${dir}kind-capacity.svg`];
}
