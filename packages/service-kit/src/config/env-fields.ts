import { hostname } from 'node:os';
import { z } from 'zod';

const missing = (input: unknown) => (input === undefined ? 'is required' : undefined);

/** A required, non-empty string variable. */
export const requiredString = () =>
  z
    .string({ error: (issue) => missing(issue.input) ?? 'must be a string' })
    .min(1, 'must not be empty');

/** A whole-number variable within bounds, with a default when unset. */
export const integer = (options: { min: number; max: number; default: number }) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(options.min, `must be at least ${options.min}`)
        .max(options.max, `must be at most ${options.max}`),
    )
    .optional()
    .transform((value) => value ?? options.default);

/** A TCP port; 0 asks the OS for a free one, which tests use to run many processes at once. */
export const port = (defaultPort: number) => integer({ min: 0, max: 65_535, default: defaultPort });

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
    error: 'must be one of fatal, error, warn, info, debug, trace, silent',
  })
  .default('info');

/** The variables every podtalk service reads, whatever else it needs. */
export const commonEnv = {
  PORT: port(8080),
  LOG_LEVEL: logLevel,
  // The Downward API fills POD_NAME in the cluster; a laptop process falls back to its host name.
  POD_NAME: z
    .string()
    .optional()
    .transform((value) => (value === undefined || value === '' ? hostname() : value)),
  // Time to keep serving after SIGTERM while the Service stops routing to this pod.
  SHUTDOWN_DELAY_MS: integer({ min: 0, max: 60_000, default: 0 }),
  // After this, in-flight requests are cut and the process exits 1.
  SHUTDOWN_TIMEOUT_MS: integer({ min: 100, max: 120_000, default: 10_000 }),
};
