import type { LoadResult } from '../load/load.js';

export interface Row extends LoadResult {
  target: string;
}

const fixed = (n: number, digits = 1) => n.toFixed(digits);

/** The results as a Markdown table, one row per target. */
export function markdownTable(rows: Row[]): string {
  const lines = [
    '| target | req/s | p50 ms | p99 ms | max ms | requests | errors | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.target} | ${fixed(r.requestsPerSec, 0)} | ${fixed(r.p50)} | ${fixed(r.p99)} | ${fixed(r.max)} | ${r.total} | ${r.errors} | ${r.non2xx} |`,
    ),
  ];
  return lines.join('\n');
}
