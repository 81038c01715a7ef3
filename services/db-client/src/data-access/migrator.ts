import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Logger } from '@podtalk/service-kit';
import mysql, { type RowDataPacket } from 'mysql2/promise';
import { connectionOptions, type DatabaseSettings } from './database.js';

// The same relative path from src/ and from dist/: the SQL ships beside the code.
const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
// How long a replica waits for another one's migrations before it gives up (and retries).
const LOCK_WAIT_SECONDS = 30;

interface Migration {
  version: string;
  sql: string;
  checksum: string;
}

async function readMigrations(dir: string): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d+_[\w-]+\.sql$/.test(file)).sort();
  return Promise.all(
    files.map(async (file) => {
      const sql = await readFile(`${dir}${file}`, 'utf8');
      return {
        version: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    }),
  );
}

/**
 * Applies every pending migration under a MySQL named lock and records it in schema_migrations.
 * Safe to run from several replicas at once, and a no-op when nothing is pending.
 * Returns the versions it applied. Hand-written: a few dozen lines that hold GET_LOCK while
 * they run, where a migration framework would add a query builder and its own lock table.
 */
export async function migrate(
  settings: DatabaseSettings,
  logger: Logger,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  const migrations = await readMigrations(dir);
  // A separate connection: only migrations may send several statements at once.
  const connection = await mysql.createConnection({
    ...connectionOptions(settings),
    multipleStatements: true,
  });
  // One lock name per database: replicas starting together take turns instead of racing.
  const lockName = `${settings.DB_NAME}.schema_migrations`;
  try {
    const [[lock]] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS acquired', [
      lockName,
      LOCK_WAIT_SECONDS,
    ]);
    if (lock?.acquired !== 1) throw new Error(`could not take migration lock ${lockName}`);

    await connection.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version VARCHAR(255) NOT NULL PRIMARY KEY,
      checksum CHAR(64) NOT NULL,
      applied_at DATETIME(3) NOT NULL
    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4`);
    const [rows] = await connection.query<RowDataPacket[]>(
      'SELECT version, checksum FROM schema_migrations',
    );
    const applied = new Map(rows.map((row) => [row.version as string, row.checksum as string]));

    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.version);
      if (checksum !== undefined) {
        // An applied migration that changed would leave replicas with different schemas.
        if (checksum !== migration.checksum) {
          throw new Error(`migration ${migration.version} was edited after it was applied`);
        }
        continue;
      }
      logger.info({ version: migration.version }, 'applying migration');
      await connection.query(migration.sql);
      await connection.query(
        'INSERT INTO schema_migrations (version, checksum, applied_at) VALUES (?, ?, UTC_TIMESTAMP(3))',
        [migration.version, migration.checksum],
      );
      done.push(migration.version);
    }
    return done;
  } finally {
    await connection.query('SELECT RELEASE_LOCK(?)', [lockName]).catch(() => undefined);
    await connection.end().catch(() => undefined);
  }
}
