import { AppError, codeOf, type Resolve } from '@podtalk/service-kit';
import mysql, {
  type ConnectionOptions,
  type ExecuteValues,
  type PoolConnection,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
import type { Config } from '../config.js';
import { mysqlSocketFactory } from './mysql-socket.js';

export type DatabaseSettings = Pick<
  Config,
  'DB_HOST' | 'DB_PORT' | 'DB_USER' | 'DB_PASSWORD' | 'DB_NAME' | 'DB_TIMEOUT_MS' | 'DB_POOL_SIZE'
>;

/** The narrow face of the pool that repositories use: prepared statements only. */
export interface Database {
  execute<T extends RowDataPacket[] | ResultSetHeader>(
    sql: string,
    params?: ExecuteValues[],
  ): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

// Errors that mean "the database is not there right now", as opposed to a bad query.
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_ACCESS_DENIED_ERROR',
]);

export function isUnavailable(error: unknown): boolean {
  const code = codeOf(error);
  return (error as { fatal?: boolean } | null)?.fatal === true || UNAVAILABLE_CODES.has(code ?? '');
}

export const databaseUnavailable = (cause: unknown) =>
  new AppError({
    status: 503,
    code: 'database-unavailable',
    title: 'Database unavailable',
    detail: 'The database is not reachable right now; retry shortly',
    headers: { 'Retry-After': '2' },
    cause,
  });

export function connectionOptions(settings: DatabaseSettings): ConnectionOptions {
  return {
    host: settings.DB_HOST,
    port: settings.DB_PORT,
    user: settings.DB_USER,
    password: settings.DB_PASSWORD,
    database: settings.DB_NAME,
    connectTimeout: settings.DB_TIMEOUT_MS,
    charset: 'utf8mb4_unicode_ci',
    // DATETIME values are UTC on the wire both ways, whatever the server's zone.
    timezone: 'Z',
    supportBigNumbers: true,
  };
}

export interface DatabaseOptions {
  /** How MySQL's host name is resolved; the system resolver unless a test says otherwise. */
  resolve?: Resolve;
}

/** A mysql2/promise pool behind the Database interface; it connects lazily. */
export function createDatabase(
  settings: DatabaseSettings,
  { resolve }: DatabaseOptions = {},
): Database {
  const pool = mysql.createPool({
    ...connectionOptions(settings),
    // Each new connection resolves MySQL's name with serve-stale, see mysql-socket.ts.
    stream: mysqlSocketFactory({ host: settings.DB_HOST, port: settings.DB_PORT, resolve }),
    connectionLimit: settings.DB_POOL_SIZE,
    maxIdle: settings.DB_POOL_SIZE,
    idleTimeout: 60_000,
  });
  const timeout = settings.DB_TIMEOUT_MS;

  /** Runs `work` on a pooled connection; connecting and each statement are bounded by `timeout`. */
  async function withConnection<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    let connection: PoolConnection | undefined;
    try {
      connection = await pool.getConnection();
      return await work(connection);
    } catch (error) {
      // mysql2's timeout stops the wait, not the query: the connection stays busy until MySQL
      // answers. Destroying it frees its pool slot now, for the requests queued behind it.
      if (codeOf(error) === 'PROTOCOL_SEQUENCE_TIMEOUT') connection?.destroy();
      throw isUnavailable(error) ? databaseUnavailable(error) : error;
    } finally {
      connection?.release();
    }
  }

  return {
    execute: <T extends RowDataPacket[] | ResultSetHeader>(
      sql: string,
      params: ExecuteValues[] = [],
    ) =>
      withConnection(
        async (connection) => (await connection.execute<T>({ sql, timeout }, params))[0],
      ),
    ping: () =>
      withConnection(async (connection) => {
        await connection.query({ sql: 'SELECT 1', timeout });
      }),
    close: () => pool.end(),
  };
}
