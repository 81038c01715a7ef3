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
import type { MessagesService } from './domain/messages-service.js';
import { messagesRoutes } from './entry-points/http/messages-routes.js';

export interface AppDeps extends ServiceDeps {
  messages: MessagesService;
}

/** Builds the db-client HTTP app from its dependencies; it never listens by itself. */
export function createApp({ logger, pod, readiness, metrics, messages }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Answers change on every write; hashing each body for an ETag would cost CPU for nothing.
  app.set('etag', false);

  // What every request passes through, in order.
  app.use(requestContext({ logger })); // request id, req.log, one access-log line
  app.use(servedBy(pod)); // X-Served-By on every answer
  app.use(metrics.httpMiddleware); // latency by route and status
  app.use(closeConnectionsWhileDraining(readiness)); // Connection: close once shutdown starts
  app.use(healthRoutes(readiness)); // /healthz, /readyz
  app.get('/metrics', metrics.handler);
  app.use(messagesRoutes(messages));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
