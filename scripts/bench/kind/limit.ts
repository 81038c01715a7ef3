import type { Evidence } from './evidence.js';
import type { Component } from './readings.js';

/** What held a window's throughput where it was, as data: the report puts it into words. */
export type Limit =
  | {
      cause: 'cpu-limit';
      component: Component;
      podsAtLimit: number;
      pods: number;
      /** The average over the pods at their limit, and their limit. */
      coresPerPod: number;
      limitCores: number;
      /** The least throttled of them: the share of CFS periods in which the quota ran out. */
      throttledShare: number;
    }
  | { cause: 'machine'; busy: number; cores: number }
  | { cause: 'load-generator'; cores: number }
  /** None of the above: the evidence itself holds the numbers that rule each one out. */
  | { cause: 'unknown' };

// A pod is at its limit when it used most of its quota and CFS held it back in most periods.
const AT_LIMIT_USE = 0.85;
const AT_LIMIT_THROTTLED = 0.5;
// The machine is full when nearly every core is busy; a JavaScript load generator, on one core.
const FULL = 0.9;
// The shared side first: when it is full, more api pods cannot help.
const SHARED_FIRST: Component[] = ['db-client', 'mysql', 'api'];

export function nameLimit(evidence: Evidence): Limit {
  for (const component of SHARED_FIRST) {
    const pods = evidence.pods.filter((p) => p.component === component);
    const atLimit = pods.filter(
      (p) =>
        p.limitCores !== undefined &&
        p.cores >= AT_LIMIT_USE * p.limitCores &&
        p.throttledShare >= AT_LIMIT_THROTTLED,
    );
    const limitCores = atLimit[0]?.limitCores;
    if (limitCores !== undefined)
      return {
        cause: 'cpu-limit',
        component,
        podsAtLimit: atLimit.length,
        pods: pods.length,
        coresPerPod: atLimit.reduce((sum, p) => sum + p.cores, 0) / atLimit.length,
        limitCores,
        throttledShare: Math.min(...atLimit.map((p) => p.throttledShare)),
      };
  }
  const { machine } = evidence;
  if (machine.busy >= FULL * machine.cores) return { cause: 'machine', ...machine };
  if (evidence.generatorCores >= FULL)
    return { cause: 'load-generator', cores: evidence.generatorCores };
  return { cause: 'unknown' };
}

/** Whether the shared side (db-client or MySQL), rather than the api pods, held the window. */
export const isShared = (limit: Limit) => limit.cause === 'cpu-limit' && limit.component !== 'api';
