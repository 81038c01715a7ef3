import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MAX_BODY_BYTES } from '../http/json-body.js';
import { AppError, problemType } from './app-error.js';

const PROBLEM_JSON = 'application/problem+json';

/** body-parser marks its errors with a `type`; these are the client's fault, not ours. */
const bodyParserErrors: Record<
  string,
  { status: number; code: string; title: string; detail: string }
> = {
  'entity.parse.failed': {
    status: 400,
    code: 'malformed-json',
    title: 'Malformed JSON body',
    detail: 'The request body is not valid JSON',
  },
  'entity.too.large': {
    status: 413,
    code: 'body-too-large',
    title: 'Request body too large',
    detail: `The request body exceeds the ${MAX_BODY_BYTES / 1024} KiB limit`,
  },
  'entity.verify.failed': {
    status: 400,
    code: 'invalid-body',
    title: 'Invalid request body',
    detail: 'The request body was refused',
  },
  'request.aborted': {
    status: 400,
    code: 'request-aborted',
    title: 'Request aborted',
    detail: 'The client aborted the request body',
  },
  'request.size.invalid': {
    status: 400,
    code: 'invalid-body',
    title: 'Invalid request body',
    detail: 'The body length does not match Content-Length',
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported-encoding',
    title: 'Unsupported content encoding',
    detail: 'Content-Encoding must be identity, gzip, deflate or br',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported-charset',
    title: 'Unsupported charset',
    detail: 'The request body must be UTF-8',
  },
};

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const type = (error as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' ? bodyParserErrors[type] : undefined;
  if (known) return new AppError({ ...known, cause: error });
  return new AppError({
    status: 500,
    code: 'internal',
    title: 'Internal Server Error',
    cause: error,
  });
}

/**
 * The central error handler: every failure becomes RFC 9457 problem+json.
 * 5xx answers never reveal internals; they are logged with the request's id instead.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  if (appError.status >= 500) {
    req.log.error({ err: error, status: appError.status }, 'request failed');
  }
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
