import type { Evidence, PodUse } from '../../bench/kind/evidence.js';
import { nameLimit } from '../../bench/kind/limit.js';
import type { StepResult } from '../../bench/kind/summary.js';

/** A pod of one component using `cores` of its `limitCores`, throttled in `throttledShare` of periods. */
export const pod = (
  component: PodUse['component'],
  cores: number,
  {
    limitCores = 0.1,
    throttledShare = 0.9,
    name,
  }: { limitCores?: number; throttledShare?: number; name?: string } = {},
): PodUse => ({
  pod: name ?? component,
  component,
  cores,
  limitCores,
  throttledShare,
});

/** A window's evidence: a quiet machine unless the test says otherwise. */
export const evidenceOf = (overrides: Partial<Evidence>): Evidence => ({
  throughput: 100,
  failed: 0,
  p50Ms: 150,
  p99Ms: 400,
  inFlight: 16,
  servedBy: {},
  pods: [],
  machine: { cores: 2, busy: 1 },
  generatorCores: 0.2,
  ...overrides,
});

/**
 * A step of `replicas` api pods answering `throughput`: the api pods at their 0.1-core limit
 * while db-client (held to 0.3) has room, or db-client at its limit once `throughput` needs it all.
 */
export function step(
  round: number,
  replicas: number,
  throughput: number,
  { dbClientMsPerRequest = 0.42 } = {},
): StepResult {
  const dbCores = Math.min(0.3, (throughput * dbClientMsPerRequest) / 1000);
  const dbFull = dbCores >= 0.285;
  const pods = Array.from({ length: replicas }, (_, i) =>
    pod('api', dbFull ? 0.07 : 0.095, {
      name: `api-bench-${i}`,
      throttledShare: dbFull ? 0.2 : 0.9,
    }),
  );
  pods.push(pod('db-client', dbCores, { limitCores: 0.3, throttledShare: dbFull ? 0.8 : 0.05 }));
  const evidence = evidenceOf({ throughput, pods, inFlight: 16 * replicas });
  return { round, replicas, evidence, limit: nameLimit(evidence) };
}
