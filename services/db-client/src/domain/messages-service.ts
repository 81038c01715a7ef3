import { createHash } from 'node:crypto';
import type { CreateMessage, ListMessagesQuery, Message, MessagePage } from '@podtalk/contracts';
import { AppError } from '@podtalk/service-kit';
import type { MessagesRepository } from '../data-access/messages-repository.js';

export interface CreateResult {
  message: Message;
  /** True when an earlier request with the same Idempotency-Key created the message. */
  replayed: boolean;
}

const notFound = (id: number) =>
  new AppError({
    status: 404,
    code: 'message-not-found',
    title: 'Message not found',
    detail: `No message with id ${id}`,
  });

const keyReused = (key: string) =>
  new AppError({
    status: 409,
    code: 'idempotency-key-reused',
    title: 'Idempotency-Key reused with a different body',
    detail: `Idempotency-Key ${key} was first used with a different request body`,
  });

/** Two requests are "the same" when author and text are, whatever the JSON key order. */
const fingerprint = (input: CreateMessage) =>
  createHash('sha256')
    .update(JSON.stringify([input.author, input.text]))
    .digest();

export function createMessagesService({
  repository,
  clock,
}: {
  repository: MessagesRepository;
  clock: () => Date;
}) {
  const toMessage = (id: number, input: CreateMessage, createdAt: Date): Message => ({
    id,
    ...input,
    createdAt: createdAt.toISOString(),
  });

  async function createWithKey(
    input: CreateMessage,
    createdAt: Date,
    key: string,
  ): Promise<CreateResult> {
    const requestHash = fingerprint(input);
    // Two tries: the row holding our key may be deleted between the clash and the lookup.
    for (let attempt = 0; attempt < 2; attempt++) {
      const inserted = await repository.insert({
        ...input,
        createdAt,
        idempotencyKey: key,
        requestHash,
      });
      if ('id' in inserted)
        return { message: toMessage(inserted.id, input, createdAt), replayed: false };
      const earlier = await repository.findByIdempotencyKey(key);
      if (!earlier) continue;
      if (!earlier.requestHash?.equals(requestHash)) throw keyReused(key);
      return { message: earlier.message, replayed: true };
    }
    throw keyReused(key);
  }

  return {
    async create(input: CreateMessage, idempotencyKey?: string): Promise<CreateResult> {
      const createdAt = clock();
      if (idempotencyKey !== undefined) return createWithKey(input, createdAt, idempotencyKey);
      const inserted = await repository.insert({ ...input, createdAt });
      if (!('id' in inserted))
        throw new Error('insert without an idempotency key reported a key clash');
      return { message: toMessage(inserted.id, input, createdAt), replayed: false };
    },

    async list({ limit, before }: ListMessagesQuery): Promise<MessagePage> {
      // One extra row tells whether an older page exists without a COUNT.
      const rows = await repository.listNewest({ limit: limit + 1, before });
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return { items, nextBefore: rows.length > limit && last ? last.id : null };
    },

    async get(id: number): Promise<Message> {
      const message = await repository.findById(id);
      if (!message) throw notFound(id);
      return message;
    },

    async remove(id: number): Promise<void> {
      if (!(await repository.remove(id))) throw notFound(id);
    },

    async stats(): Promise<{ count: number }> {
      return { count: await repository.count() };
    },
  };
}

export type MessagesService = ReturnType<typeof createMessagesService>;
