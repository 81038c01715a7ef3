import express, { type Request, type RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';

export const MAX_BODY_BYTES = 16 * 1024;

const JSON_TYPES = ['application/json', 'application/*+json'];

/** True when the request carries no body at all: nothing to parse, so no type to check. */
function isEmpty(req: Request): boolean {
  if (req.get('content-type') !== undefined) return false;
  const length = req.get('content-length');
  return length === undefined ? req.get('transfer-encoding') === undefined : Number(length) === 0;
}

/** A body that is not JSON is refused with 415 rather than silently ignored. */
const requireJson: RequestHandler = (req, _res, next) => {
  // With no body at all, the route's schema reports what is missing instead.
  if (!isEmpty(req) && !req.is(JSON_TYPES)) {
    throw new AppError({
      status: 415,
      code: 'unsupported-media-type',
      title: 'Unsupported Media Type',
      detail: `Content-Type must be application/json, got ${req.get('content-type') ?? 'none'}`,
    });
  }
  next();
};

/** JSON body parsing with the limits every podtalk write shares. */
export function jsonBody(): RequestHandler[] {
  return [
    requireJson,
    express.json({
      limit: MAX_BODY_BYTES,
      strict: true,
      type: JSON_TYPES,
    }),
  ];
}
