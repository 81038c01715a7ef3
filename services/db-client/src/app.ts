import { createServiceApp, type ServiceAppDeps } from '@podtalk/service-kit';
import type { Express } from 'express';
import type { MessagesService } from './domain/messages-service.js';
import { messagesRoutes } from './entry-points/http/messages-routes.js';

export interface AppDeps extends ServiceAppDeps {
  messages: MessagesService;
}

/** Builds the db-client HTTP app from its dependencies; it never listens by itself. */
export function createApp(deps: AppDeps): Express {
  return createServiceApp(deps, (app) => {
    app.use(messagesRoutes(deps.messages));
  });
}
