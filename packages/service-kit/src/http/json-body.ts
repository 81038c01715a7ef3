import express, { type RequestHandler } from 'express';
import { AppError } from '../errors/app-error.js';

export const MAX_BODY_BYTES = 16 * 1024;

/** A body that is not JSON is refused with 415 rather than silently ignored. */
const requireJson: RequestHandler = (req, _res, next) => {
  // req.is() is null when there is no body at all; the schema then reports the missing fields.
  if (req.is(['application/json', 'application/*+json']) === false) {
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
      type: ['application/json', 'application/*+json'],
    }),
  ];
}
