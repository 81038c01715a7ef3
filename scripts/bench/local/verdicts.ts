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

const rate = (rows: Row[], prefix: string) =>
  rows.find((r) => r.target.startsWith(prefix))?.requestsPerSec ?? NaN;

/** The local bench's targets, each with the number that meets or misses it. */
export function localTargets(rows: Row[], steady: Row, services: ServiceFigures[]): Target[] {
  const baseline = rate(rows, 'baseline GET');
  const [dbClient, api] = [
    rate(rows, 'db-client GET') / baseline,
    rate(rows, 'api GET') / baseline,
  ];
  // The memory and startup targets are ours; the baseline is there for comparison only.
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
