import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// A caller's id is reused only if it cannot inject anything into logs or headers.
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

// Probes and scrapes run every few seconds; logging each at info would bury real traffic.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The request's id; requestContext always makes it a string (pino-http's type allows more). */
export const requestIdOf = (req: Request): string => req.id as string;

/** One access-log line per request, in the same flat fields whether it succeeded or failed. */
const accessLine = (req: Request, res: Response, durationMs: number) => ({
  method: req.method,
  url: req.originalUrl,
  status: res.statusCode,
  durationMs,
});

/**
 * pino-http: each request gets an id (the caller's X-Request-Id when it is safe, a UUID
 * otherwise, echoed back), `req.log` stamped with that id, and one access-log line when it ends.
 */
export function requestContext({ logger }: { logger: Logger }): RequestHandler {
  return pinoHttp<Request, Response>({
    logger,
    genReqId(req, res) {
      const incoming = req.get(REQUEST_ID_HEADER);
      const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    // req.log and the access line carry only reqId, not the whole request with its headers.
    quietReqLogger: true,
    quietResLogger: true,
    customAttributeKeys: { responseTime: 'durationMs' },
    customLogLevel: (req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : QUIET_PATHS.has(req.path) ? 'debug' : 'info',
    customSuccessObject: (req, res, base: { durationMs: number }) =>
      accessLine(req, res, base.durationMs),
    customErrorObject: (req, res, _error, base: { durationMs: number; err: Error }) => ({
      ...accessLine(req, res, base.durationMs),
      err: base.err,
    }),
  });
}
