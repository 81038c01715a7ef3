import type { LoadWindow } from '../load/saturate.js';
import { cpuUse } from './cgroup-cpu.js';
import { kernelUse, type KernelUse } from './kernel-cpu.js';
import { COMPONENTS, type Component, type Reading } from './readings.js';

export interface PodUse {
  pod: string;
  component: Component;
  /** The node it ran on: where it sits against db-client decides its network path. */
  node: string;
  /** CPU used over the window, in cores, and the pod's limit. */
  cores: number;
  limitCores: number | undefined;
  /** The share of CFS periods in which it ran out of quota. */
  throttledShare: number;
  /** Answers it took part in, and its CPU per answer in ms: flat across replica counts = linear. */
  requests: number;
  cpuMsPerRequest: number | undefined;
}

/** What one measured window shows, as numbers: the limit is named from these alone. */
export interface Evidence {
  throughput: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  /** Requests in flight throughout: the closed loop's concurrency. */
  inFlight: number;
  pods: PodUse[];
  /** Each kind node's CPU, in cores. */
  nodes: Record<string, number>;
  kernel: KernelUse | undefined;
  generatorCores: number;
  dockerProxyCores: number | undefined;
  /** The fullest node's connection-tracking table. */
  conntrack: { entries: number; max: number } | undefined;
}

/** Every component's requests in the window: the api pods' by X-Served-By, db-client's likewise. */
function requestsOf(pod: string, component: Component, window: LoadWindow): number {
  if (component === 'api') return window.servedBy[pod] ?? 0;
  if (component === 'db-client') return window.upstreamServedBy[pod] ?? 0;
  return window.answered;
}

export function evidence(
  before: Reading,
  after: Reading,
  window: LoadWindow,
  inFlight: number,
): Evidence {
  const { seconds } = window;
  const pods = Object.entries(after.pods).flatMap(([pod, { component, node, account }]) => {
    const earlier = before.pods[pod];
    if (!earlier) return [];
    const use = cpuUse(earlier.account, account, seconds);
    const requests = requestsOf(pod, component, window);
    return [
      {
        pod,
        component,
        node,
        cores: use.cores,
        limitCores: account.limitCores,
        throttledShare: use.throttledShare,
        requests,
        cpuMsPerRequest: requests > 0 ? (use.cores * seconds * 1000) / requests : undefined,
      },
    ];
  });
  pods.sort(
    (a, b) =>
      COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component) ||
      a.pod.localeCompare(b.pod),
  );
  const nodes = Object.fromEntries(
    Object.entries(after.nodes).flatMap(([node, account]) => {
      const earlier = before.nodes[node];
      return earlier ? [[node, cpuUse(earlier, account, seconds).cores]] : [];
    }),
  );
  const fullest = Object.values(after.conntrack)
    .filter(({ entries, max }) => Number.isFinite(entries) && Number.isFinite(max))
    .sort((a, b) => b.entries / b.max - a.entries / a.max)[0];
  return {
    throughput: window.answered / seconds,
    failed: window.failed,
    p50Ms: window.p50Ms,
    p99Ms: window.p99Ms,
    inFlight,
    pods,
    nodes,
    kernel: before.kernel && after.kernel && kernelUse(before.kernel, after.kernel, seconds),
    generatorCores: (after.generatorUs - before.generatorUs) / 1e6 / seconds,
    dockerProxyCores:
      before.dockerProxyUs === undefined || after.dockerProxyUs === undefined
        ? undefined
        : (after.dockerProxyUs - before.dockerProxyUs) / 1e6 / seconds,
    conntrack: fullest,
  };
}

/** CPU per answer of a whole component, in ms: its pods' CPU over the answers they gave. */
export function componentCpuMsPerRequest(pods: PodUse[], component: Component, throughput: number) {
  const cores = pods.filter((p) => p.component === component).reduce((sum, p) => sum + p.cores, 0);
  return throughput > 0 ? (cores * 1000) / throughput : undefined;
}
