import { startService, waitUntilReady, type ServiceProcess } from './service-process.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface DbClientProcess {
  service: ServiceProcess;
  database: TestDatabase;
  /** Between db-client and MySQL: cut or slow it like a lost or struggling database. */
  dbProxy: TcpProxy;
  /** Resolves once /readyz answers 200: the database answered and is migrated. */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface StartDbClientOptions {
  /** db-client's folder; its src/main.ts runs from source. */
  dir: string;
  /** The test run's MySQL server (vitest's inject('mysqlServerUrl')). */
  serverUrl: string;
  podName?: string;
  env?: Record<string, string>;
  /** Start with the proxy cut, as if MySQL were not up yet. */
  databaseDown?: boolean;
}

/** A real db-client process on a fresh database of its own, reached through a cuttable proxy. */
export async function startDbClient({
  dir,
  serverUrl,
  podName = 'db-client-0',
  env = {},
  databaseDown = false,
}: StartDbClientOptions): Promise<DbClientProcess> {
  const database = await createTestDatabase(serverUrl);
  const dbProxy = await startTcpProxy({
    host: database.env.DB_HOST,
    port: Number(database.env.DB_PORT),
  });
  if (databaseDown) await dbProxy.cut();
  const service = await startService({
    cwd: dir,
    env: {
      ...database.env,
      DB_HOST: '127.0.0.1',
      DB_PORT: String(dbProxy.port),
      DB_TIMEOUT_MS: '1000',
      POD_NAME: podName,
      ...env,
    },
  });
  return {
    service,
    database,
    dbProxy,
    waitUntilReady: (timeoutMs) => waitUntilReady(service.url, timeoutMs),
    async stop() {
      await service.stop('SIGKILL');
      await dbProxy.close();
      await database.drop();
    },
  };
}
