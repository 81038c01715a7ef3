import type { Target } from '../../lib/markdown.js';
import type { Row } from './report.js';

export interface Ratios {
  dbClientToBaseline: number;
  apiToBaseline: number;
}

export interface ServiceFigures {
  name: string;
  readyMs: number;
  peakRssMb: number;
}

/** The local bench's targets, each with the number that meets or misses it. */
export function localTargets(
  rows: Row[],
  fixedRate: Row,
  ratios: Ratios,
  services: ServiceFigures[],
): Target[] {
  // The memory and startup targets are ours; the baselines are reported for comparison only.
  const ours = services.filter((s) => s.name === 'db-client' || s.name === 'api');
  return [
    {
      name: 'db-client GET ≥ 0.85 × baseline',
      ok: ratios.dbClientToBaseline >= 0.85,
      detail: `${ratios.dbClientToBaseline.toFixed(2)} ×`,
    },
    {
      name: 'api GET ≥ 0.6 × baseline',
      ok: ratios.apiToBaseline >= 0.6,
      detail: `${ratios.apiToBaseline.toFixed(2)} ×`,
    },
    {
      name: '0 errors in every run',
      ok: rows.every((r) => r.errors === 0 && r.non2xx === 0),
      detail: `${rows.reduce((n, r) => n + r.errors + r.non2xx, 0)} errors and non-2xx`,
    },
    {
      name: 'api p99 ≤ 20 ms at 200 req/s',
      ok: fixedRate.p99 <= 20,
      detail: `p50 ${fixedRate.p50} ms, p99 ${fixedRate.p99} ms, max ${fixedRate.max} ms`,
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
