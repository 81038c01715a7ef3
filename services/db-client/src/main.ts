import {
  createLogger,
  createMetrics,
  exitOnFatalErrors,
  handleShutdownSignals,
  listen,
  loadConfigOrExit,
  portOf,
  Readiness,
} from '@podtalk/service-kit';
import { shutdownTelemetry } from '@podtalk/service-kit/telemetry';
import { createApp } from './app.js';
import { configSchema, configSources } from './config.js';
import { createDatabase } from './data-access/database.js';
import { createMessagesRepository } from './data-access/messages-repository.js';
import { prepareDatabase } from './data-access/prepare-database.js';
import { createMessagesService } from './domain/messages-service.js';

const config = loadConfigOrExit(configSchema, configSources);
const logger = createLogger({
  service: 'db-client',
  pod: config.POD_NAME,
  level: config.LOG_LEVEL,
});
exitOnFatalErrors(logger);

const db = createDatabase(config);
const readiness = new Readiness({ database: () => db.ping() });
const messages = createMessagesService({
  repository: createMessagesRepository(db),
  clock: () => new Date(),
});
const app = createApp({
  logger,
  pod: config.POD_NAME,
  readiness,
  metrics: createMetrics({ service: 'db-client' }),
  messages,
});

// Listen first: liveness answers while the database is still on its way.
const server = await listen(app, config.PORT);
logger.info({ listener: 'http', port: portOf(server) }, 'listening');

const startup = new AbortController();
handleShutdownSignals({
  servers: [server],
  readiness,
  logger,
  delayMs: config.SHUTDOWN_DELAY_MS,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  onClose: async () => {
    startup.abort();
    await db.close();
    await shutdownTelemetry();
  },
});

try {
  await prepareDatabase(db, config, logger, startup.signal);
  readiness.setReady(true);
} catch (error) {
  // A shutdown during startup ends the wait for the database; the shutdown itself exits.
  if (!startup.signal.aborted) throw error;
}
