import { fileURLToPath } from 'node:url';
import {
  closeConnectionsWhileDraining,
  errorHandler,
  healthRoutes,
  notFoundHandler,
  requestContext,
  servedBy,
  type ServiceDeps,
} from '@podtalk/service-kit';
import express, { type Express } from 'express';
import type { DbClientGateway } from './data-access/db-client-gateway.js';
import { adminRoutes } from './entry-points/admin/admin-routes.js';
import { messagesRoutes } from './entry-points/http/messages-routes.js';
import { podRoutes, type PodRoutesDeps } from './entry-points/http/pod-routes.js';

// The same relative path from src/ and from dist/.
const PUBLIC_DIR = fileURLToPath(new URL('../public/', import.meta.url));
// The page loads only its own files and talks only to its own origin.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

export interface AppDeps extends ServiceDeps, PodRoutesDeps {
  dbClient: DbClientGateway;
}

/** The public app: the page, the messages API and the teaching endpoints. It never listens itself. */
export function createApp(deps: AppDeps): Express {
  const { logger, pod, readiness, metrics, dbClient } = deps;
  const app = express();
  app.disable('x-powered-by');
  // Answers change on every write; hashing each body for an ETag would cost CPU for nothing.
  app.set('etag', false);

  // What every request passes through, in order. /metrics is served on the admin port only:
  // the NodePort must not publish internals.
  app.use(requestContext({ logger })); // request id, req.log, one access-log line
  app.use(servedBy(pod)); // X-Served-By on every answer
  app.use(metrics.httpMiddleware); // latency by route and status
  app.use(closeConnectionsWhileDraining(readiness)); // Connection: close once shutdown starts
  app.use(healthRoutes(readiness)); // /healthz, /readyz
  app.use(messagesRoutes(dbClient));
  app.use(podRoutes(deps));
  // The page's files, last, so API requests never pay for a filesystem lookup.
  app.use(
    express.static(PUBLIC_DIR, {
      setHeaders: (res) => {
        res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
        res.setHeader('X-Content-Type-Options', 'nosniff');
      },
    }),
  );
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}

/** The admin app, served on ADMIN_PORT only: metrics and the readiness switch. */
export function createAdminApp({ logger, pod, readiness, metrics }: ServiceDeps): Express {
  const app = express();
  app.disable('x-powered-by');

  app.use(requestContext({ logger }));
  app.use(servedBy(pod));
  app.use(adminRoutes({ readiness, metrics }));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
