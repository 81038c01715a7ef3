import type { Profile } from './profile.js';

/** The bench's own warm api pods: a StatefulSet's, so the plan can name each one in advance. */
export const BENCH_POD = (n: number) => `api-bench-${n}`;

/** One measured step: these pods serve, and the load keeps `inFlight` requests going. */
export interface PlannedStep {
  round: number;
  replicas: number;
  serving: string[];
  inFlight: number;
}

/** One round: every pod serves through the warm-up, then the steps, from the most pods down. */
export interface PlannedRound {
  round: number;
  warmUpSec: number;
  pods: string[];
  steps: PlannedStep[];
}

/**
 * The run as data. Each round counts from the next pod, so one replica is a different pod in
 * each round: warm pods still differ in CPU per request, and no one pod should decide what one
 * replica measures. Steps go from the most pods down, so no pod rejoins after sitting idle.
 */
export function benchPlan(profile: Profile): PlannedRound[] {
  const most = Math.max(...profile.replicas);
  const pods = Array.from({ length: most }, (_, i) => BENCH_POD(i));
  const counts = [...profile.replicas].sort((a, b) => b - a);
  return Array.from({ length: profile.rounds }, (_, i) => {
    const round = i + 1;
    const first = i % most;
    const order = [...pods.slice(first), ...pods.slice(0, first)];
    return {
      round,
      warmUpSec: round === 1 ? profile.warmUpSec : profile.roundWarmUpSec,
      pods: order,
      steps: counts.map((replicas) => ({
        round,
        replicas,
        serving: order.slice(0, replicas),
        inFlight: profile.inFlightPerReplica * replicas,
      })),
    };
  });
}

// Labelling, waiting for endpoints and for kube-proxy: measured at about 8 s a step here.
const SECONDS_BETWEEN_STEPS = 8;

/** Seconds the plan takes, from `round` on: for the time left that the progress shows. */
export function plannedSeconds(plan: PlannedRound[], profile: Profile, fromRound = 1): number {
  return plan
    .filter((r) => r.round >= fromRound)
    .reduce(
      (sum, r) =>
        sum +
        r.warmUpSec +
        r.steps.length * (profile.stepWarmUpSec + profile.stepSec + SECONDS_BETWEEN_STEPS),
      0,
    );
}
