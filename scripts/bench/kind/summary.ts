import { componentCpuMsPerRequest } from './evidence.js';
import type { StepResult } from './kind-bench.js';
import type { Limit } from './limit.js';
import { COMPONENTS, type Component } from './readings.js';

/** A value measured once per round: its median and its spread. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  values: number[];
}

export function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? NaN;
  const median = sorted.length % 2 ? upper : ((sorted[middle - 1] ?? NaN) + upper) / 2;
  return { median, min: sorted[0] ?? NaN, max: sorted.at(-1) ?? NaN, values };
}

export interface ReplicaSummary {
  replicas: number;
  /** Throughput at saturation, req/s, per round. */
  capacity: Spread;
  /** Each component's CPU per answer, in ms, per round: the api's flat means linear scaling. */
  cpuMsPerRequest: Record<Component, Spread>;
  p99Ms: Spread;
  /** Failed answers over every round's window. */
  failed: number;
  limits: Limit[];
}

export interface Summary {
  byReplicas: ReplicaSummary[];
  /** Capacity at 3 replicas over capacity at 1, round by round. */
  oneToThree: Spread | undefined;
  /** The fewest replicas at which, in most rounds, something other than the api pods limited. */
  saturatedAt: number | undefined;
}

const limitedByApi = (limit: Limit) => limit.cause === 'cpu-limit' && limit.component === 'api';

export function summarize(steps: StepResult[]): Summary {
  const counts = [...new Set(steps.map((s) => s.replicas))].sort((a, b) => a - b);
  const byReplicas = counts.map((replicas) => {
    const at = steps.filter((s) => s.replicas === replicas);
    const cpu = (component: Component) =>
      spread(
        at.flatMap(({ evidence }) => {
          const ms = componentCpuMsPerRequest(evidence.pods, component, evidence.throughput);
          return ms === undefined ? [] : [ms];
        }),
      );
    return {
      replicas,
      capacity: spread(at.map((s) => s.evidence.throughput)),
      cpuMsPerRequest: Object.fromEntries(COMPONENTS.map((c) => [c, cpu(c)])) as Record<
        Component,
        Spread
      >,
      p99Ms: spread(at.map((s) => s.evidence.p99Ms)),
      failed: at.reduce((sum, s) => sum + s.evidence.failed, 0),
      limits: at.map((s) => s.limit),
    };
  });
  const rounds = [...new Set(steps.map((s) => s.round))];
  const ratios = rounds.flatMap((round) => {
    const capacity = (n: number) =>
      steps.find((s) => s.round === round && s.replicas === n)?.evidence.throughput;
    const [one, three] = [capacity(1), capacity(3)];
    return one && three ? [three / one] : [];
  });
  const saturated = byReplicas.find(
    ({ limits }) => limits.filter((limit) => !limitedByApi(limit)).length > limits.length / 2,
  );
  return {
    byReplicas,
    oneToThree: ratios.length > 0 ? spread(ratios) : undefined,
    saturatedAt: saturated?.replicas,
  };
}
