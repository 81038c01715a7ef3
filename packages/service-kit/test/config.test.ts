import { hostname } from 'node:os';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { commonEnv, ConfigError, loadConfig, requiredString } from '../src/index.js';

const schema = z.object({ ...commonEnv, DB_HOST: requiredString() });

describe('loadConfig', () => {
  it('when every variable is valid, then it returns typed values with defaults applied', () => {
    const config = loadConfig(schema, { DB_HOST: 'mysql', POD_NAME: 'db-client-7f9' });

    expect(config).toMatchObject({
      DB_HOST: 'mysql',
      PORT: 8080,
      LOG_LEVEL: 'info',
      POD_NAME: 'db-client-7f9',
      SHUTDOWN_DELAY_MS: 0,
      SHUTDOWN_TIMEOUT_MS: 10_000,
    });
  });

  it('when a required variable is missing, then the error names it', () => {
    expect(() => loadConfig(schema, {})).toThrow(/DB_HOST: is required/);
  });

  it('when values are malformed, then every bad variable is named at once', () => {
    const attempt = () =>
      loadConfig(schema, {
        DB_HOST: 'mysql',
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        SHUTDOWN_DELAY_MS: '-1',
      });

    expect(attempt).toThrow(
      expect.objectContaining({
        constructor: ConfigError,
        problems: [
          'PORT: must be a whole number',
          'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent',
          'SHUTDOWN_DELAY_MS: must be a whole number',
        ],
      }),
    );
  });

  it('when a port is out of range, then the message says the bound', () => {
    expect(() => loadConfig(schema, { DB_HOST: 'mysql', PORT: '70000' })).toThrow(
      'PORT: must be at most 65535',
    );
  });

  it('when POD_NAME is unset or empty, then it falls back to the host name', () => {
    expect(loadConfig(schema, { DB_HOST: 'mysql' }).POD_NAME).toBe(hostname());
    expect(loadConfig(schema, { DB_HOST: 'mysql', POD_NAME: '' }).POD_NAME).toBe(hostname());
  });
});
