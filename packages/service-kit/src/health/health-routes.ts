import { Router } from 'express';
import type { Readiness } from './readiness.js';

/**
 * Liveness and readiness, kept apart on purpose: /healthz never touches a dependency,
 * so a database outage makes pods unready, never restarted in a loop.
 */
export function healthRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const report = await readiness.report();
    res.status(report.ready ? 200 : 503).json({
      status: report.ready ? 'ready' : 'not ready',
      ...(report.reason ? { reason: report.reason } : {}),
    });
  });
  return router;
}
