import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  startService,
  startTcpProxy,
  waitFor,
  type ServiceProcess,
  type TcpProxy,
  type TestDatabase,
} from '@podtalk/test-kit';
import { inject } from 'vitest';

const DB_CLIENT_DIR = fileURLToPath(new URL('../../../db-client', import.meta.url));
const API_DIR = fileURLToPath(new URL('../..', import.meta.url));

export const ready = (url: string, timeoutMs = 15_000) =>
  waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, {
    timeoutMs,
    description: `${url}/readyz to answer 200`,
  });

export interface DbClient {
  service: ServiceProcess;
  database: TestDatabase;
  /** Between db-client and its database: cut it to make db-client answer 503. */
  dbProxy: TcpProxy;
  stop(): Promise<void>;
}

/** A real db-client process on a fresh database of its own. */
export async function startDbClient(podName = 'db-client-0'): Promise<DbClient> {
  const database = await createTestDatabase(inject('mysqlServerUrl'));
  const dbProxy = await startTcpProxy({
    host: database.env.DB_HOST,
    port: Number(database.env.DB_PORT),
  });
  const service = await startService({
    cwd: DB_CLIENT_DIR,
    env: {
      ...database.env,
      DB_HOST: '127.0.0.1',
      DB_PORT: String(dbProxy.port),
      DB_TIMEOUT_MS: '1000',
      POD_NAME: podName,
    },
  });
  await ready(service.url);
  return {
    service,
    database,
    dbProxy,
    async stop() {
      await service.stop('SIGKILL');
      await dbProxy.close();
      await database.drop();
    },
  };
}

export interface Api extends ServiceProcess {
  adminUrl: string;
}

/** A real api process; `env` says how it finds db-client. */
export async function startApi(env: Record<string, string>): Promise<Api> {
  const service = await startService({ cwd: API_DIR, env, listeners: ['http', 'admin'] });
  return { ...service, adminUrl: `http://127.0.0.1:${service.ports.admin}` };
}

export const postMessage = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
