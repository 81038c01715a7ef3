import type { Evidence } from './evidence.js';
import type { Component } from './readings.js';

/** What held a window's throughput where it was, as data: the report puts it into words. */
export type Limit =
  | {
      cause: 'cpu-limit';
      component: Component;
      podsAtLimit: number;
      pods: number;
      /** The average over the pods at their limit. */
      coresPerPod: number;
      limitCores: number;
      throttledShare: number;
    }
  | { cause: 'machine'; busyCores: number; cores: number; stealCores: number }
  | { cause: 'load-generator'; cores: number }
  | { cause: 'docker-proxy'; cores: number }
  /** None of the above: the evidence itself shows the numbers that rule each one out. */
  | { cause: 'unknown' };

// A pod is at its limit when it used most of its quota and CFS held it back in most periods.
const AT_LIMIT_USE = 0.85;
const AT_LIMIT_THROTTLED = 0.5;
// The machine is full when nearly every core is busy; a JavaScript load generator, on one core.
const MACHINE_FULL = 0.9;
const ONE_CORE_FULL = 0.9;
// The shared side first: when it is full, more api replicas cannot help.
const SHARED_FIRST: Component[] = ['db-client', 'mysql', 'api'];

export function nameLimit(evidence: Evidence): Limit {
  for (const component of SHARED_FIRST) {
    const pods = evidence.pods.filter((p) => p.component === component);
    const atLimit = pods.flatMap(({ cores, limitCores, throttledShare }) =>
      limitCores !== undefined &&
      cores >= AT_LIMIT_USE * limitCores &&
      throttledShare >= AT_LIMIT_THROTTLED
        ? [{ cores, limitCores, throttledShare }]
        : [],
    );
    const [first] = atLimit;
    if (first)
      return {
        cause: 'cpu-limit',
        component,
        podsAtLimit: atLimit.length,
        pods: pods.length,
        coresPerPod: atLimit.reduce((sum, p) => sum + p.cores, 0) / atLimit.length,
        limitCores: first.limitCores,
        throttledShare: Math.min(...atLimit.map((p) => p.throttledShare)),
      };
  }
  const { kernel } = evidence;
  if (kernel && kernel.busy >= MACHINE_FULL * kernel.cores)
    return {
      cause: 'machine',
      busyCores: kernel.busy,
      cores: kernel.cores,
      stealCores: kernel.steal,
    };
  if (evidence.generatorCores >= ONE_CORE_FULL)
    return { cause: 'load-generator', cores: evidence.generatorCores };
  if (evidence.dockerProxyCores !== undefined && evidence.dockerProxyCores >= ONE_CORE_FULL)
    return { cause: 'docker-proxy', cores: evidence.dockerProxyCores };
  return { cause: 'unknown' };
}
