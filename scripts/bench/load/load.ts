import { driveWithAutocannon } from './autocannon-load.js';
import { driveWithWrk, hasWrk } from './wrk-load.js';

export interface LoadSpec {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  connections: number;
  durationSec: number;
}

export interface LoadResult {
  requestsPerSec: number;
  p50: number;
  p99: number;
  max: number;
  total: number;
  errors: number;
  non2xx: number;
}

export interface LoadGenerator {
  name: 'wrk' | 'autocannon';
  /** Sends requests as fast as the target answers, at fixed concurrency. */
  drive: (spec: LoadSpec) => Promise<LoadResult>;
}

/**
 * wrk when it is installed, autocannon otherwise. The generator shares the cores with the
 * services it measures: autocannon parses every answer in JavaScript, wrk in C, so with wrk
 * more of the machine goes to the services (measured in the README's Performance section).
 */
export function pickLoadGenerator(): LoadGenerator {
  return hasWrk()
    ? { name: 'wrk', drive: driveWithWrk }
    : { name: 'autocannon', drive: driveWithAutocannon };
}
