import { AppError, codeOf } from '@podtalk/service-kit';

// Errors that mean "nobody answered": no process listening, connection dropped, name not found.
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
]);
// The connection was refused or reset: the request surely never reached a handler.
const RETRYABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']);

export const isUnreachable = (error: unknown) => UNREACHABLE.has(codeOf(error) ?? '');
export const isRetryable = (error: unknown) => RETRYABLE.has(codeOf(error) ?? '');

export const unavailable = (cause: unknown) =>
  new AppError({
    status: 503,
    code: 'upstream-unavailable',
    title: 'db-client unavailable',
    detail: `db-client could not be reached (${codeOf(cause) ?? 'connection failed'})`,
    headers: { 'Retry-After': '1' },
    cause,
  });

export const timedOut = (ms: number) =>
  new AppError({
    status: 504,
    code: 'upstream-timeout',
    title: 'db-client timed out',
    detail: `db-client did not answer within ${ms} ms`,
  });

export const badGateway = (status: number, servedBy: string | undefined) =>
  new AppError({
    status: 502,
    code: 'upstream-error',
    title: 'db-client failed',
    detail: `db-client${servedBy ? ` (${servedBy})` : ''} answered ${status}`,
    headers: servedBy ? { 'X-Upstream-Served-By': servedBy } : {},
  });
