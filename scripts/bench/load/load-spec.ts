/** What one load run sends, and what it reports: shared by every generator. */
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
