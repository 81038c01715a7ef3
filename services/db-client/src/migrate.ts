import { createLogger, loadConfigOrExit } from '@podtalk/service-kit';
import { configSchema, configSources } from './config.js';
import { migrate } from './data-access/migrator.js';

// One-shot migration, e.g. from a Kubernetes Job; db-client also migrates at startup.
const config = loadConfigOrExit(configSchema, configSources);
const logger = createLogger({
  service: 'db-client-migrate',
  pod: config.POD_NAME,
  level: config.LOG_LEVEL,
});
const applied = await migrate(config, logger);
logger.info({ applied }, 'migrations complete');
