import type { z } from 'zod';
import { AppError, type FieldProblem } from '../errors/app-error.js';

/** Where an input came from; it prefixes the field name in error messages. */
export type InputLocation = 'body' | 'query' | 'path' | 'header';

function toFieldProblems(error: z.ZodError, location: InputLocation): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...at, key].join('.'),
        message: `is not an allowed ${location === 'body' ? 'field' : 'parameter'}`,
      }));
    }
    return [{ field: at.length > 0 ? at.join('.') : location, message: issue.message }];
  });
}

/** Parses untrusted input or throws a 400 that names every offending field. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  location: InputLocation,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = toFieldProblems(result.error, location);
  throw new AppError({
    status: 400,
    code: 'invalid-request',
    title: 'Invalid request',
    detail: errors.map((e) => `${e.field} ${e.message}`).join('; '),
    errors,
  });
}
