import { createLogger, createMetrics, Readiness, type Logger } from '@podtalk/service-kit';
import { createAdminApp, createApp } from '../../src/app.js';
import {
  createDbClientGateway,
  type GatewayOptions,
} from '../../src/data-access/db-client-gateway.js';

const silent: Logger = createLogger({ service: 'api', pod: 'api-test', level: 'silent' });

/** The api built in-process against a real db-client URL (or a port where nothing listens). */
export function createTestApp(
  dbClientUrl: string,
  env: Record<string, string | undefined> = {},
  gateway: Pick<GatewayOptions, 'resolve'> = {},
) {
  const metrics = createMetrics({ service: 'api' });
  const readiness = new Readiness();
  readiness.setReady(true);
  const dbClient = createDbClientGateway({
    baseUrl: dbClientUrl,
    timeoutMs: 1_000,
    registry: metrics.registry,
    ...gateway,
  });
  const deps = {
    logger: silent,
    pod: 'api-test',
    readiness,
    metrics,
    dbClient,
    dbClientTarget: { url: dbClientUrl, source: 'DB_CLIENT_URL' as const },
    env,
    lookup: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
    identity: {
      name: 'api-test',
      namespace: null,
      node: null,
      ip: null,
      version: 'test',
      startedAt: new Date(),
    },
  };
  return {
    app: createApp(deps),
    admin: createAdminApp(deps),
    readiness,
    close: () => dbClient.close(),
  };
}

/** A port nobody listens on: any call that leaves the api fails there. */
export const NOWHERE = 'http://127.0.0.1:9';
