import { jsonBody, validate, type Metrics, type Readiness } from '@podtalk/service-kit';
import { Router } from 'express';
import { z } from 'zod';

const readySwitchSchema = z.strictObject(
  {
    ready: z.boolean({
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be true or false'),
    }),
  },
  { error: 'must be a JSON object' },
);

/**
 * Operator endpoints on the admin port. Turning readiness off takes this one pod out of
 * its Service's endpoints without killing it — the way to watch a readiness gate work.
 */
export function adminRoutes({
  readiness,
  metrics,
}: {
  readiness: Readiness;
  metrics: Metrics;
}): Router {
  const router = Router();
  router.get('/metrics', metrics.handler);
  router.get('/admin/ready', (_req, res) => {
    res.json({ ready: readiness.ready });
  });
  router.post('/admin/ready', ...jsonBody(), (req, res) => {
    const { ready } = validate(readySwitchSchema, req.body, 'body');
    readiness.setReady(ready);
    req.log.warn({ ready }, 'readiness switched by operator');
    res.json({ ready: readiness.ready });
  });
  return router;
}
