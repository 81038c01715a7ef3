import { AppError } from '@podtalk/service-kit';
import {
  createPool,
  type ConnectionOptions,
  type ExecuteValues,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2';
import type { Config } from '../config.js';

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
  const { code, fatal } = (error ?? {}) as { code?: string; fatal?: boolean };
  return fatal === true || (code !== undefined && UNAVAILABLE_CODES.has(code));
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

/**
 * A mysql2 pool behind the Database interface; it connects lazily. It uses mysql2's callback
 * API: the promise wrapper captures a stack trace on every call, about 4% of this service's
 * CPU under load, for error stacks we replace with our own errors anyway.
 */
export function createDatabase(settings: DatabaseSettings): Database {
  const pool = createPool({
    ...connectionOptions(settings),
    connectionLimit: settings.DB_POOL_SIZE,
    maxIdle: settings.DB_POOL_SIZE,
    idleTimeout: 60_000,
    // Keepalive probes notice a silently dropped connection before a request does.
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
  });
  // One deadline per call covers waiting for a free connection, connecting and the query.
  // (mysql2's per-query `timeout` option would add one more timer, but its options-object
  // path cost about 6% of this service's throughput in `pnpm bench`.)
  const deadlineMs = settings.DB_TIMEOUT_MS;

  function call<T>(send: (done: (error: Error | null, result?: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const deadline = setTimeout(() => {
        settled = true;
        reject(databaseUnavailable(new Error(`no database answer within ${deadlineMs} ms`)));
      }, deadlineMs);
      send((error, result) => {
        if (settled) return;
        clearTimeout(deadline);
        if (error) reject(isUnavailable(error) ? databaseUnavailable(error) : error);
        else resolve(result as T);
      });
    });
  }

  return {
    execute: <T extends RowDataPacket[] | ResultSetHeader>(
      sql: string,
      params: ExecuteValues[] = [],
    ) => call<T>((done) => pool.execute<T>(sql, params, done)),
    ping: () =>
      call((done) => pool.query({ sql: 'SELECT 1', timeout: settings.DB_TIMEOUT_MS }, done)).then(
        () => undefined,
      ),
    close: () => new Promise<void>((resolve) => pool.end(() => resolve())),
  };
}
