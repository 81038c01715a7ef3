import { AppError } from '@podtalk/service-kit';
import mysql, {
  type ExecuteValues,
  type ResultSetHeader,
  type RowDataPacket,
} from 'mysql2/promise';
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
  'DB_DEADLINE',
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

/** A last bound over waiting for a free connection, which no mysql2 timeout covers. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(
        Object.assign(new Error(`no database answer within ${ms} ms`), { code: 'DB_DEADLINE' }),
      );
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

export function connectionOptions(settings: DatabaseSettings): mysql.ConnectionOptions {
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

/** A mysql2 promise pool behind the Database interface; the pool connects lazily. */
export function createDatabase(settings: DatabaseSettings): Database {
  const pool = mysql.createPool({
    ...connectionOptions(settings),
    connectionLimit: settings.DB_POOL_SIZE,
    maxIdle: settings.DB_POOL_SIZE,
    idleTimeout: 60_000,
    // Keepalive probes notice a silently dropped connection before a request does.
    enableKeepAlive: true,
    keepAliveInitialDelay: 10_000,
  });
  const deadlineMs = settings.DB_TIMEOUT_MS * 2;

  return {
    async execute<T extends RowDataPacket[] | ResultSetHeader>(
      sql: string,
      params: ExecuteValues[] = [],
    ) {
      try {
        const [rows] = await withDeadline(
          pool.execute<T>({ sql, timeout: settings.DB_TIMEOUT_MS }, params),
          deadlineMs,
        );
        return rows;
      } catch (error) {
        throw isUnavailable(error) ? databaseUnavailable(error) : error;
      }
    },
    async ping() {
      await withDeadline(
        pool.query({ sql: 'SELECT 1', timeout: settings.DB_TIMEOUT_MS }),
        deadlineMs,
      );
    },
    close: () => pool.end(),
  };
}
