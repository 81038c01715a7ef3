import { describe, expect, it } from 'vitest';
import {
  createMessageSchema,
  idempotencyKeySchema,
  listMessagesQuerySchema,
  messageIdSchema,
} from '../src/index.js';

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe('createMessageSchema', () => {
  it('when author is 64 emoji, then it is accepted because lengths count code points', () => {
    expect(createMessageSchema.safeParse({ author: '😀'.repeat(64), text: 'hi' }).success).toBe(
      true,
    );
  });

  it('when author is 65 characters or text 1001, then each names its bound', () => {
    expect(
      messagesOf(createMessageSchema.safeParse({ author: 'a'.repeat(65), text: 't'.repeat(1001) })),
    ).toEqual(['must be at most 64 characters', 'must be at most 1000 characters']);
  });

  it('when strings are blank, lone surrogates or not strings, then each is refused', () => {
    expect(messagesOf(createMessageSchema.safeParse({ author: '  ', text: '\ud800' }))).toEqual([
      'must not be empty',
      'must be well-formed Unicode (no lone surrogates)',
    ]);
    expect(messagesOf(createMessageSchema.safeParse({ author: 7 }))).toEqual([
      'must be a string',
      'is required',
    ]);
  });

  it('when the body is not an object, then it says so', () => {
    expect(messagesOf(createMessageSchema.safeParse([1, 2]))).toEqual(['must be a JSON object']);
  });
});

describe('ids, pages and keys', () => {
  it.each(['0', '-1', '1.5', 'abc', '9007199254740993', '01'])(
    'when the id is %j, then it is refused',
    (id) => {
      expect(messageIdSchema.safeParse(id).success).toBe(false);
    },
  );

  it('when limit is absent, then it defaults to 20; when outside 1..100, then it is refused', () => {
    expect(listMessagesQuerySchema.parse({})).toEqual({ limit: 20 });
    expect(listMessagesQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(listMessagesQuerySchema.safeParse({ limit: '101' }).success).toBe(false);
    expect(listMessagesQuerySchema.parse({ limit: '100', before: '5' })).toEqual({
      limit: 100,
      before: 5,
    });
  });

  it('when an idempotency key has spaces or is too long, then it is refused', () => {
    expect(idempotencyKeySchema.safeParse('a b').success).toBe(false);
    expect(idempotencyKeySchema.safeParse('k'.repeat(256)).success).toBe(false);
    expect(idempotencyKeySchema.safeParse('order-42').success).toBe(true);
  });
});
