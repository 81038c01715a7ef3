import type { Spread } from '@podtalk/cluster-kit';
import { cpuMsPerRequest, type Evidence } from './evidence.js';
import type { Limit } from './limit.js';
import type { StepResult } from './summary.js';

const pct = (share: number) => `${Math.round(share * 100)} %`;
const cores = (n: number) => n.toFixed(2);

/** A value over the rounds: its median, then its range. */
export const range = ({ median, min, max }: Spread, digits = 0) =>
  `${median.toFixed(digits)} (${min.toFixed(digits)}–${max.toFixed(digits)})`;

/** The busiest pod of each component, as "api 0.06 of 0.10": what rules the pods out. */
function busiest(evidence: Evidence): string {
  return ['api', 'db-client', 'mysql']
    .flatMap((component) => {
      const pod = evidence.pods
        .filter((p) => p.component === component)
        .sort((a, b) => b.cores - a.cores)[0];
      return pod
        ? [
            `${component} ${cores(pod.cores)} of ${pod.limitCores === undefined ? 'no limit' : cores(pod.limitCores)}`,
          ]
        : [];
    })
    .join(', ');
}

/** What limited a window, with the numbers that say so. */
export function describeLimit(limit: Limit, evidence: Evidence): string {
  switch (limit.cause) {
    case 'cpu-limit':
      return `${limit.component} at its CPU limit: ${limit.podsAtLimit} of ${limit.pods} pods used ${cores(limit.coresPerPod)} of ${cores(limit.limitCores)} cores, throttled in ${pct(limit.throttledShare)} of periods or more`;
    case 'machine':
      return `the machine: ${cores(limit.busy)} of its ${limit.cores} cores busy`;
    case 'load-generator':
      return `the load generator: ${cores(limit.cores)} of its one JavaScript core`;
    case 'unknown':
      return `unknown: no pod at its limit (busiest: ${busiest(evidence)}); the machine ${cores(evidence.machine.busy)} of ${evidence.machine.cores} cores; the load generator ${cores(evidence.generatorCores)} cores`;
  }
}

/** One line per measured step, as it comes. */
export function describeStep({ round, replicas, evidence, limit }: StepResult): string {
  const api = cpuMsPerRequest(evidence, 'api');
  return [
    `round ${round}, ${replicas} × api: ${Math.round(evidence.throughput)} req/s`,
    `p50 ${evidence.p50Ms} ms, p99 ${evidence.p99Ms} ms, ${evidence.failed} failed`,
    `answers by pod ${Object.values(evidence.servedBy).join('/')}`,
    `api CPU ${api === undefined ? '—' : api.toFixed(2)} ms a request`,
    describeLimit(limit, evidence),
  ].join('; ');
}
