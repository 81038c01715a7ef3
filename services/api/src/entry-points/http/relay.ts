import type { Response } from 'express';
import type { UpstreamResponse } from '../../data-access/db-client-gateway.js';

// db-client headers worth passing on; everything else (framing, dates, ids) is ours to set.
const PASSED_ON = ['content-type', 'idempotent-replayed', 'retry-after'];

/** Answers with db-client's status and body as they came, naming the db-client pod that served. */
export function relay(res: Response, upstream: UpstreamResponse): void {
  for (const name of PASSED_ON) {
    const value = upstream.headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
  // db-client's paths live under /api here.
  const location = upstream.headers.location;
  if (location) res.setHeader('Location', `/api${location}`);
  if (upstream.servedBy) res.setHeader('X-Upstream-Served-By', upstream.servedBy);
  res.status(upstream.status);
  if (upstream.status === 204) res.end();
  else res.send(upstream.body);
}
