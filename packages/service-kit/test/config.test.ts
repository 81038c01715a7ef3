import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('loadConfig with a variable that may come from a file', () => {
  const withPassword = z.object({ DB_HOST: requiredString(), DB_PASSWORD: z.string() });
  const fromFiles = ['DB_PASSWORD'];
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'podtalk-config-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const secretFile = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it('when NAME_FILE names a file, then NAME is its content without the trailing newline', () => {
    const path = secretFile('password', 's3cret pass\n');

    const config = loadConfig(
      withPassword,
      { DB_HOST: 'mysql', DB_PASSWORD_FILE: path },
      { fromFiles },
    );

    expect(config).toEqual({ DB_HOST: 'mysql', DB_PASSWORD: 's3cret pass' });
  });

  it('when NAME is given directly, then it is used as it is, and may be empty', () => {
    const config = loadConfig(withPassword, { DB_HOST: 'mysql', DB_PASSWORD: '' }, { fromFiles });

    expect(config.DB_PASSWORD).toBe('');
  });

  it('when the file cannot be read, then the error names the variable and the file, and only that', () => {
    const missing = join(dir, 'nowhere');

    expect(() => loadConfig(withPassword, { DB_PASSWORD_FILE: missing }, { fromFiles })).toThrow(
      expect.objectContaining({
        problems: [`DB_PASSWORD_FILE: cannot read ${missing} (ENOENT)`, 'DB_HOST: is required'],
      }),
    );
  });

  it('when the file is empty, then the error says so instead of using an empty password', () => {
    const path = secretFile('empty', '\n');

    expect(() =>
      loadConfig(withPassword, { DB_HOST: 'mysql', DB_PASSWORD_FILE: path }, { fromFiles }),
    ).toThrow(`DB_PASSWORD_FILE: ${path} is empty`);
  });

  it('when both NAME and NAME_FILE are set, then it refuses to guess', () => {
    const path = secretFile('both', 'from-file');

    expect(() =>
      loadConfig(
        withPassword,
        { DB_HOST: 'mysql', DB_PASSWORD: 'from-env', DB_PASSWORD_FILE: path },
        { fromFiles },
      ),
    ).toThrow('DB_PASSWORD_FILE: is set and so is DB_PASSWORD; give only one');
  });

  it('when neither is set, then the schema names the variable', () => {
    expect(() => loadConfig(withPassword, { DB_HOST: 'mysql' }, { fromFiles })).toThrow(
      /DB_PASSWORD: /,
    );
  });
});
