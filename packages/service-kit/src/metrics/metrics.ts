import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

// Buckets from 1 ms to 5 s: in-cluster hops are fast, a stuck dependency is not.
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export interface Metrics {
  registry: Registry;
  /** Times every request, labelled by route pattern (never the raw URL) and status. */
  httpMiddleware: RequestHandler;
  /** Serves the Prometheus text format. */
  handler: RequestHandler;
}

/** One registry per app, so several apps can live in one test process. */
export function createMetrics({ service }: { service: string }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });

  const duration = new Histogram({
    name: 'http_server_request_duration_seconds',
    help: 'Duration of HTTP requests served, by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const end = duration.startTimer();
    res.on('finish', () => {
      // An unmatched URL becomes one label value, so scanners cannot explode cardinality.
      const pattern = req.route as { path?: unknown } | undefined;
      const route = typeof pattern?.path === 'string' ? req.baseUrl + pattern.path : 'unmatched';
      end({ method: req.method, route, status_code: res.statusCode });
    });
    next();
  };

  const handler: RequestHandler = async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  };

  return { registry, httpMiddleware, handler };
}
