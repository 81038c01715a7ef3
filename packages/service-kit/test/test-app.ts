import express, { type Express } from 'express';
import { z } from 'zod';
import {
  AppError,
  closeConnectionsWhileDraining,
  createLogger,
  createMetrics,
  errorHandler,
  healthRoutes,
  jsonBody,
  notFoundHandler,
  Readiness,
  requestContext,
  servedBy,
  validate,
  type Metrics,
  type ReadinessCheck,
} from '../src/index.js';
import { captureLogs } from './log-capture.js';

const greeting = z.strictObject({ name: z.string().min(1).max(5) });

/** A tiny app on the kit, with routes that exercise each shared concern. */
export function buildTestApp(
  checks: Record<string, ReadinessCheck> = {},
  extraRoutes: (app: Express) => void = () => undefined,
): { app: Express; readiness: Readiness; logs: Record<string, unknown>[]; metrics: Metrics } {
  const logs = captureLogs();
  const logger = createLogger({
    service: 'kit-test',
    pod: 'pod-a',
    level: 'debug',
    destination: logs.stream,
  });
  const readiness = new Readiness(checks, 200);
  const metrics = createMetrics({ service: 'kit-test' });
  // The chain every podtalk app lists in its own app.ts.
  const app = express();
  app.use(requestContext({ logger }));
  app.use(servedBy('pod-a'));
  app.use(metrics.httpMiddleware);
  app.use(closeConnectionsWhileDraining(readiness));
  app.use(healthRoutes(readiness));
  app.get('/metrics', metrics.handler);
  app.post('/greetings', ...jsonBody(), (req, res) => {
    const body = validate(greeting, req.body, 'body');
    res.status(201).json({ hello: body.name });
  });
  app.get('/teapot', () => {
    throw new AppError({
      status: 418,
      code: 'teapot',
      title: "I'm a teapot",
      detail: 'short and stout',
    });
  });
  app.get('/boom', async () => {
    await Promise.resolve();
    throw new Error('secret connection string leaked');
  });
  extraRoutes(app);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, readiness, logs: logs.lines, metrics };
}
