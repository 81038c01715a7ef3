import { fileURLToPath } from 'node:url';
import {
  createServiceApp,
  errorHandler,
  notFoundHandler,
  requestContext,
  type ServiceAppDeps,
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

export interface AppDeps extends ServiceAppDeps, PodRoutesDeps {
  dbClient: DbClientGateway;
}

/** The public app: the page, the messages API and the teaching endpoints. It never listens itself. */
export function createApp(deps: AppDeps): Express {
  // Metrics stay on the admin port: the NodePort must not publish internals.
  return createServiceApp({ ...deps, exposeMetrics: false }, (app) => {
    app.use(messagesRoutes(deps.dbClient));
    app.use(podRoutes(deps));
    // Last, so API requests never pay for a filesystem lookup.
    app.use(
      express.static(PUBLIC_DIR, {
        setHeaders: (res) => {
          res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
          res.setHeader('X-Content-Type-Options', 'nosniff');
        },
      }),
    );
  });
}

/** The admin app, served on ADMIN_PORT only: metrics and the readiness switch. */
export function createAdminApp(deps: ServiceAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestContext({ logger: deps.logger, pod: deps.pod }));
  app.use(adminRoutes(deps));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
