import type { Logger } from 'pino';
import type { Readiness } from '../health/readiness.js';
import type { Metrics } from '../metrics/metrics.js';

/** What every podtalk app is built from, whatever else it needs. */
export interface ServiceDeps {
  logger: Logger;
  /** This pod's name, for X-Served-By. */
  pod: string;
  readiness: Readiness;
  metrics: Metrics;
}
