/** The value below which `share` of the sorted samples lie (nearest rank). */
export const percentile = (sorted: readonly number[], share: number) =>
  sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0;

/** To a tenth: milliseconds in a latency, seconds in the dev loop. */
export const tenths = (n: number) => Math.round(n * 10) / 10;

export interface Latency {
  p50: number;
  p99: number;
  max: number;
}

/** p50, p99 and the slowest of a set of latencies in ms, to a tenth. */
export function latencyOf(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    p50: tenths(percentile(sorted, 0.5)),
    p99: tenths(percentile(sorted, 0.99)),
    max: tenths(sorted.at(-1) ?? 0),
  };
}

/** A value measured several times: its median and its spread. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? NaN;
  const median = sorted.length % 2 ? upper : ((sorted[middle - 1] ?? NaN) + upper) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, values: [...values] };
}
