import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  runToExit,
  startService,
  waitUntilReady,
  type TestDatabase,
} from '@podtalk/test-kit';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

// In the cluster the password reaches db-client as a file from the Secret, never as a variable.
let database: TestDatabase;
let dir: string;
const user = `podtalk_${randomBytes(4).toString('hex')}`;
const password = randomBytes(18).toString('base64url');

beforeAll(async () => {
  database = await createTestDatabase(inject('mysqlServerUrl'));
  const admin = await mysql.createConnection({ uri: inject('mysqlServerUrl') });
  try {
    await admin.query('CREATE USER ?@? IDENTIFIED BY ?', [user, '%', password]);
    await admin.query(`GRANT ALL ON \`${database.name}\`.* TO ?@?`, [user, '%']);
  } finally {
    await admin.end();
  }
  dir = mkdtempSync(join(tmpdir(), 'podtalk-secret-'));
});
afterAll(async () => {
  const admin = await mysql.createConnection({ uri: inject('mysqlServerUrl') });
  await admin.query('DROP USER IF EXISTS ?@?', [user, '%']).finally(() => admin.end());
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** db-client's env as the cluster gives it: everything but the password, which is a file. */
const envWithFile = (path: string) => ({
  DB_HOST: database.env.DB_HOST,
  DB_PORT: database.env.DB_PORT,
  DB_NAME: database.name,
  DB_USER: user,
  DB_PASSWORD_FILE: path,
  POD_NAME: 'db-client-secret-file',
});

describe('the database password as a file, as a mounted Secret gives it', () => {
  it('when DB_PASSWORD_FILE holds the password, then db-client connects, migrates and turns ready', async () => {
    const path = join(dir, 'password');
    // A Secret's file has no trailing newline; one written by hand often does.
    writeFileSync(path, `${password}\n`, { mode: 0o400 });

    const service = await startService({ cwd: process.cwd(), env: envWithFile(path) });
    try {
      await waitUntilReady(service.url);
      const created = await fetch(`${service.url}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ author: 'secret', text: 'read from a file' }),
      });

      expect(created.status).toBe(201);
    } finally {
      await service.stop();
    }
  });

  it('when DB_PASSWORD_FILE names a file that is not there, then it exits 1 naming the variable and the file', async () => {
    const path = join(dir, 'not-mounted');

    const result = await runToExit({ cwd: process.cwd(), env: envWithFile(path) });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`DB_PASSWORD_FILE: cannot read ${path} (ENOENT)`);
    expect(result.stderr).not.toContain('DB_PASSWORD: is required');
  });
});
