import type { Row } from './measure.js';

/** A target a run meets or misses, with the number that decides it. */
export interface Target {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ServiceFigures {
  name: string;
  readyMs: number;
  peakRssMb: number;
}

/** The reads every ratio compares, by the names their rows carry. */
export const READS = {
  baseline: 'baseline GET /messages?limit=20',
  dbClient: 'db-client GET /messages?limit=20',
  api: 'api GET /api/messages?limit=20',
};
/** A read's name when a traced pair serves it. */
export const tracedRead = (read: string, how: string) => `${read}, ${how}`;

const rate = (rows: Row[], target: string) =>
  rows.find((r) => r.target === target)?.requestsPerSec ?? NaN;

/** Capacity with tracing on over capacity with it off, for each service and way of tracing. */
export interface TracingCost {
  ratios: { how: string; dbClient: number; api: number }[];
  /** OTLP exports the collector took: proof that tracing was on. */
  exports: number;
}

export function tracingCost(rows: Row[], ways: string[], exports: number): TracingCost {
  if (exports === 0) throw new Error('tracing was on, yet no span reached the collector');
  const ratio = (read: string, how: string) => rate(rows, tracedRead(read, how)) / rate(rows, read);
  return {
    ratios: ways.map((how) => ({
      how,
      dbClient: ratio(READS.dbClient, how),
      api: ratio(READS.api, how),
    })),
    exports,
  };
}

/** The local bench's targets, each with the number that meets or misses it. */
export function localTargets(rows: Row[], steady: Row, services: ServiceFigures[]): Target[] {
  const baseline = rate(rows, READS.baseline);
  const [dbClient, api] = [rate(rows, READS.dbClient) / baseline, rate(rows, READS.api) / baseline];
  // The memory and startup targets are ours, traced or not; the baseline is for comparison only.
  const ours = services.filter((s) => s.name !== 'baseline');
  return [
    {
      name: 'db-client GET ≥ 0.85 × baseline',
      ok: dbClient >= 0.85,
      detail: `${dbClient.toFixed(2)} ×`,
    },
    { name: 'api GET ≥ 0.6 × baseline', ok: api >= 0.6, detail: `${api.toFixed(2)} ×` },
    {
      name: '0 failed requests in every run',
      ok: [...rows, steady].every((r) => r.failed === 0),
      detail: `${[...rows, steady].reduce((n, r) => n + r.failed, 0)} failed`,
    },
    {
      name: 'api p99 ≤ 20 ms at 200 req/s',
      ok: steady.p99 <= 20,
      detail: `p50 ${steady.p50} ms, p99 ${steady.p99} ms, max ${steady.max} ms`,
    },
    ...ours.map((s) => ({
      name: `${s.name} peak RSS ≤ 120 MB`,
      ok: s.peakRssMb <= 120,
      detail: `${s.peakRssMb.toFixed(0)} MB`,
    })),
    ...ours.map((s) => ({
      name: `${s.name} ready within 1 s`,
      ok: s.readyMs <= 1_000,
      detail: `${s.readyMs.toFixed(0)} ms`,
    })),
  ];
}
