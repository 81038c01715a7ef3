import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@podtalk/service-kit';
import { createTestDatabase, runToExit, type TestDatabase } from '@podtalk/test-kit';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { afterEach, beforeEach, describe, expect, it, inject } from 'vitest';
import { configSchema, type Config } from '../src/config.js';
import { migrate } from '../src/data-access/migrator.js';
import { silentLogger } from './support/test-app.js';

let database: TestDatabase;
let config: Config;
beforeEach(async () => {
  database = await createTestDatabase(inject('mysqlServerUrl'));
  config = loadConfig(configSchema, database.env);
});
afterEach(() => database.drop());

async function schemaOf(db: TestDatabase) {
  const connection = await mysql.createConnection({
    host: db.env.DB_HOST,
    port: Number(db.env.DB_PORT),
    user: db.env.DB_USER,
    password: db.env.DB_PASSWORD,
    database: db.name,
  });
  try {
    const [tables] = await connection.query<RowDataPacket[]>('SHOW TABLES');
    const [versions] = await connection.query<RowDataPacket[]>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    return {
      tables: tables.map((row) => Object.values(row)[0] as string).sort(),
      versions: versions.map((row) => row.version as string),
    };
  } finally {
    await connection.end();
  }
}

describe('migrations', () => {
  it('when run twice, then the second run applies nothing and the schema is the same', async () => {
    const first = await migrate(config, silentLogger);
    const afterFirst = await schemaOf(database);

    const second = await migrate(config, silentLogger);

    expect(first).toEqual(['001_create_messages']);
    expect(second).toEqual([]);
    expect(await schemaOf(database)).toEqual(afterFirst);
    expect(afterFirst).toEqual({
      tables: ['messages', 'schema_migrations'],
      versions: ['001_create_messages'],
    });
  });

  it('when two processes migrate at once, then both succeed and each migration is recorded once', async () => {
    const env = { ...database.env, LOG_LEVEL: 'info' };

    const runs = await Promise.all([
      runToExit({ cwd: process.cwd(), script: 'src/migrate.ts', env }),
      runToExit({ cwd: process.cwd(), script: 'src/migrate.ts', env }),
    ]);

    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const appliedCounts = runs.map(
      (run) => (run.stdout.match(/"msg":"applying migration"/g) ?? []).length,
    );
    expect(appliedCounts.sort()).toEqual([0, 1]);
    expect(await schemaOf(database)).toEqual({
      tables: ['messages', 'schema_migrations'],
      versions: ['001_create_messages'],
    });
  });

  it('when an applied migration was edited, then migrating fails loudly instead of diverging', async () => {
    const dir = `${await mkdtemp(join(tmpdir(), 'migrations-'))}/`;
    await writeFile(
      `${dir}001_first.sql`,
      'CREATE TABLE IF NOT EXISTS first_table (id INT PRIMARY KEY);',
    );
    await migrate(config, silentLogger, dir);
    await writeFile(
      `${dir}001_first.sql`,
      'CREATE TABLE IF NOT EXISTS first_table (id BIGINT PRIMARY KEY);',
    );

    await expect(migrate(config, silentLogger, dir)).rejects.toThrow(
      'migration 001_first was edited after it was applied',
    );
  });
});
