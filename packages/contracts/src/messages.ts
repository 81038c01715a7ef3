import { z } from 'zod';

export const AUTHOR_MAX_LENGTH = 64;
export const TEXT_MAX_LENGTH = 1000;
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

export interface Message {
  id: number;
  author: string;
  text: string;
  createdAt: string;
}

export interface MessagePage {
  items: Message[];
  /** Pass as `before` to get the next (older) page; null on the last page. */
  nextBefore: number | null;
}

const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

// Lengths count Unicode code points, as MySQL's VARCHAR(n) does, so 64 emoji fit in 64.
// eslint-disable-next-line @typescript-eslint/no-misused-spread -- code points are exactly what we count
const codePoints = (value: string) => [...value].length;

/** Text stored verbatim: any well-formed Unicode, never blank, bounded in code points. */
const verbatimText = (max: number) =>
  z
    .string({ error: typeError('a string') })
    .refine((value) => value.isWellFormed(), 'must be well-formed Unicode (no lone surrogates)')
    .refine((value) => value.trim().length > 0, 'must not be empty')
    .refine((value) => codePoints(value) <= max, `must be at most ${max} characters`);

export const createMessageSchema = z.strictObject(
  { author: verbatimText(AUTHOR_MAX_LENGTH), text: verbatimText(TEXT_MAX_LENGTH) },
  { error: 'must be a JSON object' },
);
export type CreateMessage = z.output<typeof createMessageSchema>;

/** A database id in a URL or query string: a positive integer JavaScript can hold exactly. */
export const messageIdSchema = z
  .string({ error: typeError('a positive integer') })
  .regex(/^[1-9]\d*$/, 'must be a positive integer')
  .transform(Number)
  .refine(Number.isSafeInteger, 'is too large');

export const messageIdParamsSchema = z.strictObject({ id: messageIdSchema });

export const listMessagesQuerySchema = z.strictObject({
  limit: z
    .string({ error: typeError(`an integer from 1 to ${MAX_PAGE_SIZE}`) })
    .regex(/^\d+$/, `must be an integer from 1 to ${MAX_PAGE_SIZE}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PAGE_SIZE, `must be an integer from 1 to ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
  before: messageIdSchema.optional(),
});
export type ListMessagesQuery = z.output<typeof listMessagesQuerySchema>;

/** Printable ASCII, as the IETF idempotency-key draft expects of a key. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 printable ASCII characters')
  .optional();

/** The headers a create may carry, validated like any other input. */
export const createMessageHeadersSchema = z.object({
  [IDEMPOTENCY_KEY_HEADER]: idempotencyKeySchema,
});
