import { createTestDatabase, startService, startTcpProxy, waitFor } from '@podtalk/test-kit';
import { inject } from 'vitest';

/** A real db-client process whose database connection runs through a cuttable TCP proxy. */
export async function startDbClientBehindProxy({
  env = {},
  databaseDown = false,
}: { env?: Record<string, string>; databaseDown?: boolean } = {}) {
  const database = await createTestDatabase(inject('mysqlServerUrl'));
  const proxy = await startTcpProxy({
    host: database.env.DB_HOST,
    port: Number(database.env.DB_PORT),
  });
  if (databaseDown) await proxy.cut();
  const service = await startService({
    cwd: process.cwd(),
    env: {
      ...database.env,
      DB_HOST: '127.0.0.1',
      DB_PORT: String(proxy.port),
      DB_TIMEOUT_MS: '1000',
      POD_NAME: 'db-client-under-test',
      ...env,
    },
  });
  return {
    service,
    proxy,
    database,
    waitUntilReady: (timeoutMs = 15_000) =>
      waitFor(async () => (await fetch(`${service.url}/readyz`)).status === 200, {
        timeoutMs,
        description: 'db-client /readyz to answer 200',
      }),
    async stop() {
      await service.stop('SIGKILL');
      await proxy.close();
      await database.drop();
    },
  };
}
