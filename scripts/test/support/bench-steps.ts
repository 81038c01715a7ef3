import type { Evidence, PodUse } from '../../bench/kind/evidence.js';
import type { StepResult } from '../../bench/kind/kind-bench.js';
import { nameLimit } from '../../bench/kind/limit.js';

/** A pod of one component that served `requests` with `cores` of CPU, under `limitCores`. */
export function pod(
  component: PodUse['component'],
  cores: number,
  {
    limitCores = 0.1,
    throttledShare = 0.9,
    requests = 1000,
    name,
  }: { limitCores?: number; throttledShare?: number; requests?: number; name?: string } = {},
): PodUse {
  return {
    pod: name ?? component,
    component,
    node: 'podtalk-worker',
    cores,
    limitCores,
    throttledShare,
    requests,
    cpuMsPerRequest: (cores * 15_000) / requests,
  };
}

/** A window's evidence: a quiet machine unless the test says otherwise. */
export function evidenceOf(overrides: Partial<Evidence>): Evidence {
  return {
    throughput: 100,
    failed: 0,
    p50Ms: 150,
    p99Ms: 400,
    inFlight: 16,
    pods: [],
    nodes: {},
    kernel: { cores: 2, busy: 1, user: 0.7, kernel: 0.2, softirq: 0.05, steal: 0.1 },
    generatorCores: 0.2,
    dockerProxyCores: undefined,
    conntrack: { entries: 120, max: 131072 },
    ...overrides,
  };
}

/** A step in which `replicas` api pods, each at its 0.1-core limit, answered `throughput`. */
export function apiBoundStep(round: number, replicas: number, throughput: number): StepResult {
  const pods = Array.from({ length: replicas }, (_, i) =>
    pod('api', 0.095, { name: `api-${i}`, requests: (throughput * 15) / replicas }),
  );
  pods.push(pod('db-client', 0.05 * replicas, { limitCores: 0.4, throttledShare: 0 }));
  const evidence = evidenceOf({ throughput, pods, inFlight: 16 * replicas });
  return { round, replicas, attempt: 1, evidence, limit: nameLimit(evidence) };
}
