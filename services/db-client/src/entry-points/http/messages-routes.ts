import {
  createMessageHeadersSchema,
  createMessageSchema,
  IDEMPOTENCY_KEY_HEADER,
  listMessagesQuerySchema,
  messageIdParamsSchema,
} from '@podtalk/contracts';
import { jsonBody, validate } from '@podtalk/service-kit';
import { Router } from 'express';
import type { MessagesService } from '../../domain/messages-service.js';

export function messagesRoutes(messages: MessagesService): Router {
  const router = Router();

  router.post('/messages', ...jsonBody(), async (req, res) => {
    const headers = validate(
      createMessageHeadersSchema,
      { [IDEMPOTENCY_KEY_HEADER]: req.get(IDEMPOTENCY_KEY_HEADER) },
      'header',
    );
    const input = validate(createMessageSchema, req.body, 'body');
    const { message, replayed } = await messages.create(input, headers[IDEMPOTENCY_KEY_HEADER]);
    if (replayed) res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).location(`/messages/${message.id}`).json(message);
  });

  router.get('/messages', async (req, res) => {
    res.json(await messages.list(validate(listMessagesQuerySchema, req.query, 'query')));
  });

  router.get('/messages/:id', async (req, res) => {
    const { id } = validate(messageIdParamsSchema, req.params, 'path');
    res.json(await messages.get(id));
  });

  router.delete('/messages/:id', async (req, res) => {
    const { id } = validate(messageIdParamsSchema, req.params, 'path');
    await messages.remove(id);
    res.status(204).end();
  });

  router.get('/stats', async (_req, res) => {
    res.json(await messages.stats());
  });

  return router;
}
