import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from '../errors/error-handler.js';
import { healthRoutes } from '../health/health-routes.js';
import type { Readiness } from '../health/readiness.js';
import { closeConnectionsWhileDraining } from '../lifecycle/graceful-shutdown.js';
import type { Metrics } from '../metrics/metrics.js';
import { requestContext } from './request-context.js';

export interface ServiceAppDeps {
  logger: Logger;
  pod: string;
  readiness: Readiness;
  metrics: Metrics;
  /** Serve /metrics on this app too; the api serves it only on its admin port. */
  exposeMetrics?: boolean;
}

/**
 * The frame every podtalk app shares: request ids and logs, metrics, health probes,
 * then the service's own routes, then 404 and the central error handler.
 */
export function createServiceApp(
  deps: ServiceAppDeps,
  mountRoutes: (app: Express) => void,
): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers change on every write; hashing each body for an ETag would cost CPU for nothing.
  app.set('etag', false);
  app.use(requestContext({ logger: deps.logger, pod: deps.pod }));
  app.use(deps.metrics.httpMiddleware);
  app.use(closeConnectionsWhileDraining(deps.readiness));
  app.use(healthRoutes(deps.readiness));
  if (deps.exposeMetrics ?? true) app.get('/metrics', deps.metrics.handler);
  mountRoutes(app);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
