// pino-http types req.id and req.log for every app that uses this kit's request context.
/// <reference types="pino-http" preserve="true" />
export {
  ConfigError,
  loadConfig,
  loadConfigOrExit,
  type LoadConfigOptions,
} from './config/load-config.js';
export { commonEnv, integer, logLevel, port, requiredString } from './config/env-fields.js';
export { otelEnv, tracingOn } from './telemetry/otel-env.js';
export { createLogger, type Logger, type LoggerOptions } from './logging/create-logger.js';
export {
  AppError,
  problemType,
  type AppErrorOptions,
  type FieldProblem,
} from './errors/app-error.js';
export { codeOf } from './errors/code-of.js';
export { errorHandler, notFoundHandler } from './errors/error-handler.js';
export { validate, type InputLocation } from './validation/validate.js';
export { requestContext, requestIdOf, REQUEST_ID_HEADER } from './http/request-context.js';
export { servedBy, SERVED_BY_HEADER } from './http/served-by.js';
export { jsonBody, MAX_BODY_BYTES } from './http/json-body.js';
export type { ServiceDeps } from './http/service-deps.js';
export { Readiness, type ReadinessCheck, type ReadinessReport } from './health/readiness.js';
export { healthRoutes } from './health/health-routes.js';
export { createMetrics, LATENCY_BUCKETS, type Metrics } from './metrics/metrics.js';
export { backoffDelay, retryWithBackoff, type BackoffOptions } from './lifecycle/backoff.js';
export { listen, portOf } from './lifecycle/http-server.js';
export {
  closeConnectionsWhileDraining,
  exitOnFatalErrors,
  handleShutdownSignals,
  shutdown,
  type ShutdownOptions,
} from './lifecycle/graceful-shutdown.js';
export { lookupWith } from './dns/lookup-with.js';
export { serveStale, type Resolve } from './dns/serve-stale.js';
