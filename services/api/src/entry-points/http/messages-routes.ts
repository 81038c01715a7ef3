import { randomUUID } from 'node:crypto';
import {
  createMessageHeadersSchema,
  createMessageSchema,
  IDEMPOTENCY_KEY_HEADER,
  listMessagesQuerySchema,
  messageIdParamsSchema,
} from '@podtalk/contracts';
import { jsonBody, requestIdOf, validate } from '@podtalk/service-kit';
import { Router, type RequestHandler } from 'express';
import type { DbClientGateway } from '../../data-access/db-client-gateway.js';
import { relay } from './relay.js';

/**
 * The public messages API. Input is validated here with db-client's own contract,
 * so bad input is refused without costing a hop; everything else goes through.
 */
export function messagesRoutes(dbClient: DbClientGateway): Router {
  const router = Router();

  router.post('/api/messages', ...jsonBody(), async (req, res) => {
    const headers = validate(
      createMessageHeadersSchema,
      { [IDEMPOTENCY_KEY_HEADER]: req.get(IDEMPOTENCY_KEY_HEADER) },
      'header',
    );
    const body = validate(createMessageSchema, req.body, 'body');
    // Every forwarded create carries a key, so our one retry can never write twice.
    const idempotencyKey = headers[IDEMPOTENCY_KEY_HEADER] ?? randomUUID();
    relay(
      res,
      await dbClient.send({
        method: 'POST',
        path: '/messages',
        route: '/messages',
        requestId: requestIdOf(req),
        body,
        idempotencyKey,
      }),
    );
  });

  router.get('/api/messages', async (req, res) => {
    const { limit, before } = validate(listMessagesQuerySchema, req.query, 'query');
    const query = new URLSearchParams({ limit: String(limit) });
    if (before !== undefined) query.set('before', String(before));
    relay(
      res,
      await dbClient.send({
        method: 'GET',
        path: `/messages?${query.toString()}`,
        route: '/messages',
        requestId: requestIdOf(req),
      }),
    );
  });

  // GET and DELETE of one message differ only in the method they pass on.
  const oneMessage =
    (method: 'GET' | 'DELETE'): RequestHandler =>
    async (req, res) => {
      const { id } = validate(messageIdParamsSchema, req.params, 'path');
      relay(
        res,
        await dbClient.send({
          method,
          path: `/messages/${id}`,
          route: '/messages/:id',
          requestId: requestIdOf(req),
        }),
      );
    };
  router.get('/api/messages/:id', oneMessage('GET'));
  router.delete('/api/messages/:id', oneMessage('DELETE'));

  return router;
}
