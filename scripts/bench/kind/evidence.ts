import type { LoadResult } from '@podtalk/cluster-kit';
import { COMPONENTS, type Component, type Reading } from './readings.js';

export interface PodUse {
  pod: string;
  component: Component;
  /** CPU used over the window, in cores, and the pod's limit. */
  cores: number;
  limitCores: number | undefined;
  /** The share of CFS periods in which it ran out of quota. */
  throttledShare: number;
}

/** What one measured window shows, as numbers: the limit is named from these alone. */
export interface Evidence {
  throughput: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  inFlight: number;
  /** 2xx answers by the api pod that gave them (X-Served-By). */
  servedBy: Record<string, number>;
  pods: PodUse[];
  /** The machine: its cores, and how many of them were busy. */
  machine: { cores: number; busy: number };
  /** The load generator's CPU, in cores of its one JavaScript thread. */
  generatorCores: number;
}

export function evidence(
  before: Reading,
  after: Reading,
  window: LoadResult,
  inFlight: number,
): Evidence {
  const { seconds } = window;
  const pods = Object.entries(after.pods).flatMap(([pod, { component, account }]) => {
    const earlier = before.pods[pod]?.account;
    if (!earlier) return [];
    const periods = account.periods - earlier.periods;
    return [
      {
        pod,
        component,
        cores: (account.usageUs - earlier.usageUs) / 1e6 / seconds,
        limitCores: account.limitCores,
        throttledShare:
          periods > 0 ? (account.throttledPeriods - earlier.throttledPeriods) / periods : 0,
      },
    ];
  });
  pods.sort(
    (a, b) =>
      COMPONENTS.indexOf(a.component) - COMPONENTS.indexOf(b.component) ||
      a.pod.localeCompare(b.pod),
  );
  return {
    throughput: window.requestsPerSec,
    failed: window.failed,
    p50Ms: window.latencyMs.p50,
    p99Ms: window.latencyMs.p99,
    inFlight,
    servedBy: window.servedBy,
    pods,
    machine: {
      cores: after.kernel.cores,
      busy: (after.kernel.busy - before.kernel.busy) / seconds,
    },
    generatorCores: (after.generatorUs - before.generatorUs) / 1e6 / seconds,
  };
}

/** CPU per answer of a whole component, in ms: its pods' CPU over the answers they took part in. */
export function cpuMsPerRequest({ pods, throughput }: Evidence, component: Component) {
  const cores = pods.filter((p) => p.component === component).reduce((sum, p) => sum + p.cores, 0);
  return throughput > 0 ? (cores * 1000) / throughput : undefined;
}
