import { spread, type Spread } from '@podtalk/cluster-kit';
import type { Evidence } from './evidence.js';
import { isShared, type Limit } from './limit.js';

/** One measured step: the numbers, and the limit named from them. */
export interface StepResult {
  round: number;
  replicas: number;
  evidence: Evidence;
  limit: Limit;
}

export interface ReplicaSummary {
  replicas: number;
  /** Throughput at saturation, req/s, over the rounds. */
  capacity: Spread;
}

export interface Summary {
  byReplicas: ReplicaSummary[];
  /** Capacity at 3 api pods over capacity at 1, round by round. */
  oneToThree: Spread | undefined;
  /**
   * Per round, the most that db-client or MySQL let through: the highest capacity of the steps
   * they held. More api pods past it add nothing, and more requests in flight can cost some.
   */
  ceiling: Spread | undefined;
  /**
   * Per round, where the api pods' line meets that ceiling, in api pods: the ceiling over what
   * one pod added up to 3 (capacity at 3 / 3).
   */
  knee: Spread | undefined;
}

const spreadOrNone = (values: number[]) => (values.length > 0 ? spread(values) : undefined);

export function summarize(steps: StepResult[]): Summary {
  const counts = [...new Set(steps.map((s) => s.replicas))].sort((a, b) => a - b);
  const byReplicas = counts.map((replicas) => ({
    replicas,
    capacity: spread(
      steps.filter((s) => s.replicas === replicas).map((s) => s.evidence.throughput),
    ),
  }));
  const rounds = [...new Set(steps.map((s) => s.round))];
  const capacity = (round: number, n: number) =>
    steps.find((s) => s.round === round && s.replicas === n)?.evidence.throughput;
  const perRound = rounds.map((round) => {
    const [one, three] = [capacity(round, 1), capacity(round, 3)];
    const held = steps
      .filter((s) => s.round === round && isShared(s.limit))
      .map((s) => s.evidence.throughput);
    const ceiling = held.length > 0 ? Math.max(...held) : undefined;
    return {
      ratio: one && three ? three / one : undefined,
      ceiling,
      knee: ceiling !== undefined && three ? ceiling / (three / 3) : undefined,
    };
  });
  return {
    byReplicas,
    oneToThree: spreadOrNone(perRound.flatMap((r) => r.ratio ?? [])),
    ceiling: spreadOrNone(perRound.flatMap((r) => r.ceiling ?? [])),
    knee: spreadOrNone(perRound.flatMap((r) => r.knee ?? [])),
  };
}
