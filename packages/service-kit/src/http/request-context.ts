import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import type { Logger } from 'pino';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's own extension point
  namespace Express {
    interface Request {
      /** The request id: taken from X-Request-Id when it is sane, generated otherwise. */
      id: string;
      /** A child logger that stamps every line with this request's id. */
      log: Logger;
    }
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';
export const SERVED_BY_HEADER = 'X-Served-By';

const BASE_LOGGER = Symbol('podtalk.baseLogger');
const CHILD_LOGGER = Symbol('podtalk.childLogger');

type WithLoggers = Request & { [BASE_LOGGER]?: Logger; [CHILD_LOGGER]?: Logger };

// req.log is made on first use, once per request: most requests log nothing but their
// access line, and a child logger per request would cost every one of them. It is defined
// on express.request, which the services share with this kit: the catalog pins one express.
Object.defineProperty(express.request, 'log', {
  get(this: WithLoggers): Logger {
    const base = this[BASE_LOGGER];
    if (!base) throw new Error('req.log used before requestContext ran');
    return (this[CHILD_LOGGER] ??= base.child({ reqId: this.id }));
  },
  configurable: true,
});

// A caller's id is reused only if it cannot inject anything into logs or headers.
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

// Probes and scrapes run every few seconds; logging each at info would bury real traffic.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Gives each request an id, a logger and the X-Served-By answer header,
 * and writes one access-log line when the response ends.
 */
export function requestContext({ logger, pod }: { logger: Logger; pod: string }): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get(REQUEST_ID_HEADER);
    const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    (req as WithLoggers)[BASE_LOGGER] = logger;
    res.setHeader(REQUEST_ID_HEADER, req.id);
    res.setHeader(SERVED_BY_HEADER, pod);

    const started = performance.now();
    res.on('finish', () => {
      const level = QUIET_PATHS.has(req.path) ? 'debug' : 'info';
      logger[level](
        {
          reqId: id,
          method: req.method,
          url: req.originalUrl,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
        },
        'request completed',
      );
    });
    next();
  };
}
