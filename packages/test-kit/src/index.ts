import './provided-context.js';
export { launchBrowser } from './browser.js';
export { MYSQL_TEST_IMAGE, redact, resolveMysqlServer, type MysqlServer } from './mysql-server.js';
export {
  runToExit,
  startService,
  waitUntilReady,
  type ServiceProcess,
  type StartServiceOptions,
} from './service-process.js';
export {
  startDbClient,
  type DbClientProcess,
  type StartDbClientOptions,
} from './db-client-process.js';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.js';
export { timed } from './timed.js';
export { startTcpProxy, type TcpProxy } from './tcp-proxy.js';
export { terminateUnderLoad } from './terminate-under-load.js';
export { createTestDatabase, type TestDatabase } from './test-database.js';
