import type { RequestHandler } from 'express';

export const SERVED_BY_HEADER = 'X-Served-By';

/** Names the pod on every answer, errors included: what the page and the e2e suite count. */
export const servedBy =
  (pod: string): RequestHandler =>
  (_req, res, next) => {
    res.setHeader(SERVED_BY_HEADER, pod);
    next();
  };
