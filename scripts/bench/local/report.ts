import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONNECTIONS, ROUNDS, WARMUP_SEC, WINDOW_SEC, type Row } from './measure.js';
import type { ServiceFigures, Target, TracingCost } from './verdicts.js';

const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

export interface LocalRun {
  machine: string;
  rows: Row[];
  services: ServiceFigures[];
  targets: Target[];
  tracing: TracingCost;
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

/** The run as Markdown, and as latest-local.json, the one local result the docs quote. */
export function writeLocalResults(run: LocalRun): string {
  const date = new Date().toISOString();
  writeFileSync(`${RESULTS}latest-local.json`, `${JSON.stringify({ date, ...run }, null, 2)}\n`);
  return [
    `### podtalk bench — ${date}`,
    '',
    `Machine: ${run.machine}. Load from podtalk's load loop in this process: ${CONNECTIONS} requests in flight on keep-alive connections, a ${WARMUP_SEC} s warm-up before each ${WINDOW_SEC} s window, ${ROUNDS} interleaved rounds, the median round; the steady row: evenly spaced requests.`,
    '',
    '| target | req/s | p50 ms | p99 ms | max ms | requests | failed |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...run.rows.map(
      (r) =>
        `| ${r.target} | ${fixed(r.requestsPerSec, 0)} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.max)} | ${r.total} | ${r.failed} |`,
    ),
    '',
    ...run.services.map(
      (s) =>
        `- ${s.name}: ready ${s.readyMs.toFixed(0)} ms after start, peak RSS ${s.peakRssMb.toFixed(0)} MB`,
    ),
    '',
    ...run.targets.map((t) => `${t.ok ? '✓' : '✗'} ${t.name}: ${t.detail}`),
    '',
    `Capacity with tracing on, over capacity with it off (${run.tracing.exports} OTLP exports):`,
    ...run.tracing.ratios.map(
      (r) =>
        `- ${r.how}: db-client GET ${fixed(r.dbClient, 2)} ×, the api's GET through both ${fixed(r.api, 2)} ×`,
    ),
    '',
    'results: scripts/bench/results/latest-local.json',
  ].join('\n');
}
