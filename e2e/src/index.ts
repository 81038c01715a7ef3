export {
  jaegerTrace,
  newTrace,
  portForward,
  readyEndpoints,
  servedBy as countServedBy,
  startLoadLoop,
  type JaegerSpan,
  type Kube,
} from '@podtalk/cluster-kit';
export { clientNodes } from './api-client.js';
export * from './cluster.js';
export { chooseTarget, RefusedContext } from './context-guard.js';
export { API_URL, NODE_PORT_URL, postMessage, storedMessages, waitForApiRouting } from './http.js';
export { docker } from './docker.js';
export { freezeNode, killMainProcess, restartedAt } from './faults.js';
export {
  startKeyedWrites,
  type Answer,
  type KeyedWritesResult,
  type Write,
} from './keyed-writes.js';
export {
  askDnsOnce,
  becomesOpen,
  connectFrom,
  connectFromShellless,
  resolveIn,
  startOutsideServer,
  startProbeNamespace,
  kubeletAddress,
  type Connection,
} from './network.js';
export { drain, mysqlNode, respreadAll, schedulableNodes, workerNodes } from './nodes.js';
export { noteChange, type Noted } from './undo.js';
export { kubeForSuite } from './setup.js';
