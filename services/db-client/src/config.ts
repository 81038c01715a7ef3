import {
  commonEnv,
  integer,
  otelEnv,
  port,
  requiredString,
  type LoadConfigOptions,
} from '@podtalk/service-kit';
import { z } from 'zod';

export const configSchema = z.object({
  ...commonEnv,
  ...otelEnv,
  DB_HOST: requiredString(),
  DB_PORT: port(3306),
  DB_USER: requiredString(),
  // In the cluster it comes from DB_PASSWORD_FILE, a mounted Secret (see configSources); set
  // directly, it may be empty, for a local root.
  DB_PASSWORD: z.string({
    error: 'is required: set DB_PASSWORD_FILE, or DB_PASSWORD (it may be empty)',
  }),
  DB_NAME: requiredString(),
  // Bounds connecting and each query, so a dead database answers 503 fast instead of hanging.
  // Below the api's 2 s deadline, so that our 503 reaches it before it gives up.
  DB_TIMEOUT_MS: integer({ min: 100, max: 30_000, default: 1_500 }),
  DB_POOL_SIZE: integer({ min: 1, max: 100, default: 10 }),
});

export type Config = z.output<typeof configSchema>;

/** Where the config comes from: the environment, and the password from a file. */
export const configSources: LoadConfigOptions = { fromFiles: ['DB_PASSWORD'] };
