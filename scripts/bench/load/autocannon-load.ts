import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './load-spec.js';

/** Drives one target with autocannon, as fast as it answers, and keeps the numbers the report needs. */
export async function driveWithAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const result = await autocannon({
    url: spec.url,
    method: spec.method ?? 'GET',
    connections: spec.connections,
    duration: spec.durationSec,
    ...(spec.body === undefined
      ? {}
      : { body: JSON.stringify(spec.body), headers: { 'content-type': 'application/json' } }),
  });
  return {
    requestsPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    total: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
