import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, problemType } from './app-error.js';

const PROBLEM_JSON = 'application/problem+json';

/**
 * Errors from body-parser and Express follow http-errors: they carry their `status`, and
 * `expose` says their message is safe for the client. body-parser also names the failure in
 * `type` (`entity.parse.failed`, `entity.too.large`, …), which becomes the problem's type.
 */
function fromHttpError(error: unknown): AppError | undefined {
  const { status, expose, type, message } = (error ?? {}) as Record<string, unknown>;
  if (typeof status !== 'number' || expose !== true) return undefined;
  const title = STATUS_CODES[status] ?? 'Error';
  return new AppError({
    status,
    code:
      typeof type === 'string'
        ? type.replaceAll('.', '-')
        : title.toLowerCase().replaceAll(' ', '-'),
    title,
    detail: typeof message === 'string' ? message : title,
    cause: error,
  });
}

const toAppError = (error: unknown): AppError =>
  error instanceof AppError
    ? error
    : (fromHttpError(error) ??
      new AppError({
        status: 500,
        code: 'internal',
        title: 'Internal Server Error',
        cause: error,
      }));

/**
 * The central error handler: every failure becomes RFC 9457 problem+json. A 5xx answer never
 * reveals internals; its error goes on the request's access-log line (pino-http reads res.err).
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  if (appError.status >= 500) res.err = error instanceof Error ? error : appError;
  const exposeDetail = appError.status < 500 || appError.code !== 'internal';
  res
    .status(appError.status)
    .set(appError.headers)
    .type(PROBLEM_JSON)
    .json({
      type: problemType(appError.code),
      title: appError.title,
      status: appError.status,
      ...(exposeDetail && appError.detail ? { detail: appError.detail } : {}),
      ...(appError.errors ? { errors: appError.errors } : {}),
      instance: req.originalUrl,
      requestId: req.id,
    });
};

/** Unknown routes answer 404 problem+json like every other error. */
export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError({
    status: 404,
    code: 'route-not-found',
    title: 'Not Found',
    detail: `No route for ${req.method} ${req.path}`,
  });
};
