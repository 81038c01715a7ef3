import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { LoadResult } from './load.js';

export interface PacedSpec {
  url: string;
  /** Requests per second, sent at evenly spaced moments. */
  rate: number;
  durationSec: number;
  /** Connections at most; requests beyond them wait in the pool, and that wait counts. */
  connections: number;
  /**
   * One new connection per request, as from many independent clients. A Service balances
   * connections, not requests: only fresh ones give every replica behind it its fair share.
   */
  freshConnections?: boolean;
}

/** The value below which `share` of the sorted samples lie. */
const percentile = (sorted: number[], share: number) =>
  sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0;

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/**
 * GETs `url` at a steady rate: request i leaves at start + i / rate, whether or not the
 * earlier ones have answered (an open loop), so a slow answer cannot hold back the next
 * request and hide itself. autocannon's rate mode sends each second's quota in one burst
 * (mcollina/autocannon#174), which measures a burst, not a steady rate.
 */
export async function drivePaced({
  url,
  rate,
  durationSec,
  connections,
  freshConnections = false,
}: PacedSpec): Promise<LoadResult> {
  const { origin, pathname, search } = new URL(url);
  // A stuck target costs an error after 10 s, never a bench that hangs.
  const pool = new Pool(origin, { connections, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const latencies: number[] = [];
  let errors = 0;
  let non2xx = 0;

  const one = async () => {
    const sent = performance.now();
    try {
      const { statusCode, body } = await pool.request({
        path: pathname + search,
        method: 'GET',
        reset: freshConnections,
      });
      await body.dump();
      if (statusCode < 200 || statusCode > 299) non2xx++;
      latencies.push(performance.now() - sent);
    } catch {
      errors++;
    }
  };

  const count = Math.round(rate * durationSec);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  try {
    for (let i = 0; i < count; i++) {
      // Each moment is fixed from the start, so a late timer never shifts the ones after it.
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 0) await sleep(wait);
      inFlight.push(one());
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  const elapsedSec = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requestsPerSec: latencies.length / elapsedSec,
    p50: tenths(percentile(sorted, 0.5)),
    p99: tenths(percentile(sorted, 0.99)),
    max: tenths(sorted.at(-1) ?? 0),
    total: latencies.length,
    errors,
    non2xx,
  };
}
