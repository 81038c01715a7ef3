import {
  AppError,
  LATENCY_BUCKETS,
  REQUEST_ID_HEADER,
  SERVED_BY_HEADER,
  type Resolve,
} from '@podtalk/service-kit';
import { Histogram, type Registry } from 'prom-client';
import type { Dispatcher } from 'undici';
import { createDbClientConnections } from './db-client-connections.js';
import {
  badGateway,
  isRetryable,
  isUnreachable,
  timedOut,
  unavailable,
} from './upstream-errors.js';

export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  route: string;
  requestId: string;
  body?: unknown;
  idempotencyKey?: string;
  /** Use a new connection, so the Service picks a backend afresh (whoami's ping). */
  freshConnection?: boolean;
}

export interface UpstreamResponse {
  status: number;
  /** Single-valued headers, lower-cased; repeated ones (set-cookie) are not passed on. */
  headers: Record<string, string>;
  /** The raw body, passed through to our client untouched. */
  body: Buffer;
  servedBy: string | undefined;
}

export interface GatewayOptions {
  baseUrl: string;
  timeoutMs: number;
  registry: Registry;
  /** How db-client's host name is resolved; the system resolver unless a test says otherwise. */
  resolve?: Resolve;
}

const singleValued = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(
    Object.entries(headers).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );

/**
 * The api's only way to db-client: pooled keep-alive connections, db-client's name resolved
 * through serve-stale as each connection opens, one deadline per call, at most one retry on a new
 * connection, and every failure mapped to a clear HTTP status.
 */
export function createDbClientGateway({ baseUrl, timeoutMs, registry, resolve }: GatewayOptions) {
  const base = new URL(baseUrl);
  const connections = createDbClientConnections({ timeoutMs, resolve });
  const duration = new Histogram({
    name: 'upstream_request_duration_seconds',
    help: 'Duration of calls to db-client, by method, route and outcome',
    labelNames: ['target', 'method', 'route', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });

  // GETs are idempotent, and a POST is when it carries a key db-client deduplicates by.
  const isIdempotent = (req: UpstreamRequest) =>
    req.method === 'GET' || (req.method === 'POST' && req.idempotencyKey !== undefined);

  async function attempt(
    req: UpstreamRequest,
    dispatcher: Dispatcher,
    signal: AbortSignal,
  ): Promise<UpstreamResponse> {
    const headers: Record<string, string> = { [REQUEST_ID_HEADER]: req.requestId };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
    const answer = await dispatcher.request({
      origin: base.origin,
      path: `${base.pathname.replace(/\/$/, '')}${req.path}`,
      method: req.method,
      headers,
      body: req.body === undefined ? null : JSON.stringify(req.body),
      signal,
    });
    const answerHeaders = singleValued(answer.headers);
    return {
      status: answer.statusCode,
      headers: answerHeaders,
      body: Buffer.from(await answer.body.arrayBuffer()),
      servedBy: answerHeaders[SERVED_BY_HEADER.toLowerCase()],
    };
  }

  /**
   * Two explicit tries: undici's retry interceptor decides by method and status, not by whether
   * this POST carries an Idempotency-Key, and would not share one deadline. The retry, after a
   * refused or reset connection, goes out on a connection of its own, so kube-proxy picks a pod
   * afresh. A pod that takes a call and never answers is not retried: see docs/faults.md.
   */
  async function call(req: UpstreamRequest, deadline: AbortSignal) {
    const first = req.freshConnection ? connections.fresh : connections.pooled;
    try {
      return await attempt(req, first, deadline);
    } catch (error) {
      if (deadline.aborted || !isIdempotent(req) || !isRetryable(error)) throw error;
      return attempt(req, connections.fresh, deadline);
    }
  }

  return {
    /**
     * Calls db-client. Resolves for 2xx-4xx answers, and for a 503, which db-client sends when
     * its database is away: that answer, with its Retry-After, is exactly what our client needs.
     * Throws an AppError otherwise: 502 for another 5xx, 503 when nobody answers, 504 when late.
     */
    async send(req: UpstreamRequest): Promise<UpstreamResponse> {
      // One deadline for the call, retry and body included. An AbortSignal rather than undici's
      // headersTimeout, whose timers tick every half second and can fire 500 ms early.
      const deadline = AbortSignal.timeout(timeoutMs);
      const end = duration.startTimer({
        target: 'db-client',
        method: req.method,
        route: req.route,
      });
      let outcome = 'error';
      try {
        const res = await call(req, deadline);
        outcome = String(res.status);
        if (res.status >= 500 && res.status !== 503) throw badGateway(res.status, res.servedBy);
        return res;
      } catch (error) {
        if (error instanceof AppError) throw error;
        if (deadline.aborted) {
          outcome = 'timeout';
          throw timedOut(timeoutMs);
        }
        if (isUnreachable(error)) {
          outcome = 'unreachable';
          throw unavailable(error);
        }
        throw error;
      } finally {
        end({ outcome });
      }
    },

    close: () => connections.close(),
  };
}

export type DbClientGateway = ReturnType<typeof createDbClientGateway>;
