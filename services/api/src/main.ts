import { lookup } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
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
import { createAdminApp, createApp } from './app.js';
import { configSchema } from './config.js';
import { createDbClientGateway } from './data-access/db-client-gateway.js';

const config = loadConfigOrExit(configSchema);
const packageJson = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};
const logger = createLogger({ service: 'api', pod: config.POD_NAME, level: config.LOG_LEVEL });
exitOnFatalErrors(logger);

const metrics = createMetrics({ service: 'api' });
// Readiness has no dependency checks on purpose: if db-client is sick, every api pod would
// turn unready together and the Service would have no endpoints left to answer even the page.
const readiness = new Readiness();
const dbClient = createDbClientGateway({
  baseUrl: config.dbClient.url,
  timeoutMs: config.UPSTREAM_TIMEOUT_MS,
  registry: metrics.registry,
});
const deps = {
  logger,
  pod: config.POD_NAME,
  readiness,
  metrics,
  dbClient,
  dbClientTarget: config.dbClient,
  env: process.env,
  lookup: (host: string) => lookup(host, { all: true }),
  identity: {
    name: config.POD_NAME,
    namespace: config.POD_NAMESPACE ?? null,
    node: config.NODE_NAME ?? null,
    ip: config.POD_IP ?? null,
    version: config.APP_VERSION ?? packageJson.version,
    startedAt: new Date(),
  },
};

const server = await listen(createApp(deps), config.PORT);
const admin = await listen(createAdminApp(deps), config.ADMIN_PORT);
logger.info({ listener: 'http', port: portOf(server) }, 'listening');
logger.info({ listener: 'admin', port: portOf(admin) }, 'listening');
logger.info({ dbClient: config.dbClient }, 'db-client target');
readiness.setReady(true);

handleShutdownSignals({
  servers: [server, admin],
  readiness,
  logger,
  delayMs: config.SHUTDOWN_DELAY_MS,
  timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  onClose: async () => {
    await dbClient.close();
    await shutdownTelemetry();
  },
});
