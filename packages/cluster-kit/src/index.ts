export { formatCommand, type Command } from './process/command.js';
export {
  CommandError,
  run,
  runOrThrow,
  runSync,
  type RunOptions,
  type RunResult,
} from './process/run.js';
export { start, type Started, type StartOptions } from './process/start.js';
export {
  bindKubectl,
  FIELD_MANAGER,
  kubectl,
  kubectlCommand,
  serverSideApply,
  type Kube,
  type KubectlOptions,
} from './kube/kubectl.js';
export { restoreKubectl, useFakeKubectl } from './kube/fake-kubectl.js';
export { readyEndpoints, waitForEndpoints, type EndpointsWait } from './kube/endpoints.js';
export { portForward } from './kube/port-forward.js';
export { waitUntilSettled, WORKLOADS } from './kube/settled.js';
export { servedBy, waitForRouting, type RoutingWait } from './kube/routing.js';
export {
  startLoadLoop,
  type LoadLoop,
  type LoadOptions,
  type LoadResult,
} from './load/load-loop.js';
export { latencyOf, percentile, spread, tenths, type Latency, type Spread } from './load/stats.js';
export { poll, type PollOptions } from './wait/poll.js';
export { jaegerTrace, newTrace, type JaegerSpan } from './traces/jaeger.js';
