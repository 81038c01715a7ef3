import {
  createLogger,
  createMetrics,
  listen,
  loadConfig,
  portOf,
  Readiness,
  type Logger,
} from '@podtalk/service-kit';
import { createTestDatabase } from '@podtalk/test-kit';
import { inject } from 'vitest';
import { createApp } from '../../src/app.js';
import { configSchema } from '../../src/config.js';
import { createDatabase } from '../../src/data-access/database.js';
import { createMessagesRepository } from '../../src/data-access/messages-repository.js';
import { migrate } from '../../src/data-access/migrator.js';
import { createMessagesService } from '../../src/domain/messages-service.js';

export const silentLogger: Logger = createLogger({
  service: 'db-client',
  pod: 'test',
  level: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent',
});

/** db-client built in-process on a fresh, migrated database of its own. */
export async function createTestApp() {
  const database = await createTestDatabase(inject('mysqlServerUrl'));
  const config = loadConfig(configSchema, { ...database.env, POD_NAME: 'db-client-test' });
  await migrate(config, silentLogger);
  const db = createDatabase(config);
  const readiness = new Readiness({ database: () => db.ping() });
  readiness.setReady(true);
  const app = createApp({
    logger: silentLogger,
    pod: config.POD_NAME,
    readiness,
    metrics: createMetrics({ service: 'db-client' }),
    messages: createMessagesService({
      repository: createMessagesRepository(db),
      clock: () => new Date(),
    }),
  });
  return {
    app,
    db,
    config,
    database,
    /** Serves the app on a real port, for tests that need real concurrent HTTP. */
    async listen() {
      const server = await listen(app, 0);
      return {
        url: `http://127.0.0.1:${portOf(server)}`,
        close: () => new Promise((r) => server.close(r)),
      };
    },
    async close() {
      await db.close();
      await database.drop();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
