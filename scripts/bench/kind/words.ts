import { componentCpuMsPerRequest, type Evidence } from './evidence.js';
import type { StepResult } from './kind-bench.js';
import type { Limit } from './limit.js';
import { COMPONENTS } from './readings.js';

const pct = (share: number) => `${Math.round(share * 100)} %`;
const cores = (n: number) => n.toFixed(2);

/** The fullest pod of each component, as "api 0.06/0.10": what rules the pods out. */
function podsBelowLimits(evidence: Evidence): string {
  return COMPONENTS.flatMap((component) => {
    const busiest = evidence.pods
      .filter((p) => p.component === component)
      .sort((a, b) => b.cores - a.cores)[0];
    if (!busiest) return [];
    const limit = busiest.limitCores === undefined ? 'no limit' : cores(busiest.limitCores);
    return [`${component} ${cores(busiest.cores)} of ${limit}`];
  }).join(', ');
}

/** What limited a window, with the numbers that say so. */
export function describeLimit(limit: Limit, evidence: Evidence): string {
  switch (limit.cause) {
    case 'cpu-limit':
      return `${limit.component} at its CPU limit: ${limit.podsAtLimit} of ${limit.pods} pods used ${cores(limit.coresPerPod)} of ${cores(limit.limitCores)} cores, throttled in ${pct(limit.throttledShare)} of periods or more`;
    case 'machine':
      return `the machine: ${cores(limit.busyCores)} of its ${limit.cores} cores busy (${cores(limit.stealCores)} stolen by the hypervisor)`;
    case 'load-generator':
      return `the load generator: ${cores(limit.cores)} of its one JavaScript core`;
    case 'docker-proxy':
      return `docker-proxy: ${cores(limit.cores)} cores relaying localhost to the node`;
    case 'unknown': {
      const { kernel } = evidence;
      return [
        `unknown: no pod at its limit (busiest: ${podsBelowLimits(evidence)})`,
        kernel
          ? `the machine ${cores(kernel.busy)} of ${kernel.cores} cores`
          : 'the machine unread',
        `the load generator ${cores(evidence.generatorCores)} cores`,
        ...(evidence.dockerProxyCores === undefined
          ? []
          : [`docker-proxy ${cores(evidence.dockerProxyCores)} cores`]),
        `${evidence.inFlight} requests in flight, p50 ${evidence.p50Ms} ms`,
      ].join('; ');
    }
  }
}

/** One line per measured step, as it comes. */
export function describeStep({ round, replicas, attempt, evidence, limit }: StepResult): string {
  const api = componentCpuMsPerRequest(evidence.pods, 'api', evidence.throughput);
  const served = evidence.pods
    .filter((p) => p.component === 'api')
    .map((p) => p.requests)
    .join('/');
  return [
    `round ${round}, ${replicas} × api: ${Math.round(evidence.throughput)} req/s`,
    `p50 ${evidence.p50Ms} ms, p99 ${evidence.p99Ms} ms, ${evidence.failed} failed`,
    `answers by pod ${served}`,
    `api CPU ${api === undefined ? '—' : api.toFixed(2)} ms a request`,
    describeLimit(limit, evidence),
    ...(evidence.kernel
      ? [`steal ${cores(evidence.kernel.steal)} cores${attempt > 1 ? `, attempt ${attempt}` : ''}`]
      : []),
  ].join('; ');
}
