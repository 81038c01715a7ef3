import { request } from 'node:http';
import mysql from 'mysql2/promise';

/** The one place the test MySQL image is pinned. */
export const MYSQL_TEST_IMAGE = 'mysql:8.4';
const LOCAL_SERVER_URL = 'mysql://root@127.0.0.1:3306';

export interface MysqlServer {
  /** A root URL: tests create and drop their own databases on it. */
  url: string;
  source: 'MYSQL_URL' | 'testcontainers' | 'local';
  stop(): Promise<void>;
}

/** Connects once: undefined when it worked, else the error's code (ECONNREFUSED, ER_BAD_DB_ERROR …). */
async function connectError(url: string): Promise<string | undefined> {
  try {
    const connection = await mysql.createConnection({ uri: url, connectTimeout: 1_000 });
    await connection.end();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  }
}

const answers = async (url: string) => (await connectError(url)) === undefined;

/** Why MYSQL_URL cannot be used, in words that point at the fix. */
function unusable(url: string, code: string): string {
  const shown = redact(url);
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  if (code === 'ER_BAD_DB_ERROR')
    return (
      `MYSQL_URL is set to ${shown}: the server answered, but it has no database "${database}". ` +
      'Leave the database out of the URL (the tests create their own), or create it.'
    );
  if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_DBACCESS_DENIED_ERROR')
    return `MYSQL_URL is set to ${shown}: the server answered, but refused that user (${code}). Check the user and password.`;
  return `MYSQL_URL is set to ${shown}, but no server answers there (${code}).`;
}

function dockerAnswers(): Promise<boolean> {
  const host = process.env.DOCKER_HOST;
  // Testcontainers also reads DOCKER_HOST; a tcp:// engine is left to it.
  if (host && !host.startsWith('unix://')) return Promise.resolve(true);
  const socketPath = host ? host.slice('unix://'.length) : '/var/run/docker.sock';
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function startContainer(): Promise<MysqlServer> {
  // Loaded only on this path: a run with MYSQL_URL never needs Docker libraries.
  const { MySqlContainer } = await import('@testcontainers/mysql');
  const container = await new MySqlContainer(MYSQL_TEST_IMAGE).start();
  return {
    url: container.getConnectionUri(true),
    source: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

/**
 * Finds a MySQL-compatible server for the test run, in this order:
 * MYSQL_URL, then Testcontainers if a Docker engine answers, then 127.0.0.1:3306 as root.
 */
export async function resolveMysqlServer(env = process.env): Promise<MysqlServer> {
  const noop = () => Promise.resolve();
  if (env.MYSQL_URL) {
    const code = await connectError(env.MYSQL_URL);
    if (code !== undefined) throw new Error(unusable(env.MYSQL_URL, code));
    return { url: env.MYSQL_URL, source: 'MYSQL_URL', stop: noop };
  }
  if (await dockerAnswers()) return startContainer();
  if (await answers(LOCAL_SERVER_URL))
    return { url: LOCAL_SERVER_URL, source: 'local', stop: noop };
  throw new Error(
    [
      'No MySQL-compatible server for the tests. Provide one of:',
      '  - MYSQL_URL=mysql://root:password@host:3306 (a user allowed to create databases)',
      `  - a running Docker engine, so Testcontainers can start ${MYSQL_TEST_IMAGE}`,
      '  - a server at 127.0.0.1:3306 with user root and no password',
    ].join('\n'),
  );
}

export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
