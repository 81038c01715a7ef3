import type { BenchShape } from './bench-overlay.js';

export interface KindBenchOptions extends BenchShape {
  target: string;
  cluster: string;
  /** The api pods the Service selects at each step of a round; the most of them run throughout. */
  replicas: number[];
  /** Rounds over every count, so slow drift on a shared machine hits each count alike. */
  rounds: number;
  /**
   * Requests in flight per api replica: enough that every pod always has work waiting, so each
   * runs at its CPU limit and the throughput is the pods' capacity.
   */
  inFlightPerReplica: number;
  /**
   * Before the first round, every pod runs under load this long. Under a small CPU limit a new
   * pod's CPU per request keeps falling for minutes (V8 compiles the hot path as it runs), so a
   * pod measured young costs more per request than one measured old.
   */
  warmUpSec: number;
  /**
   * Before each later round, every pod serves again for this long: a pod that sat idle out of
   * the Service costs more per request in its first seconds back.
   */
  roundWarmUpSec: number;
  /** Each step: load for stepWarmUpSec, then measured for stepSec, the same connections throughout. */
  stepWarmUpSec: number;
  stepSec: number;
}

export type Profile = Omit<KindBenchOptions, 'target' | 'cluster'>;

/**
 * The full run: 5, 3 and 1 api replicas, each api pod held to the same CPU budget, in seven
 * rounds. The 1→3 ratio compares two neighbouring steps of one round, so the noise between
 * those two windows decides its spread: more rounds and longer windows narrow it, and counts
 * 2 and 4 would add time without adding to the ratio (docs/performance.md has the runs).
 */
export const FULL_RUN: Profile = {
  replicas: [1, 3, 5],
  rounds: 7,
  apiCpu: '100m',
  dbClientReplicas: 1,
  dbClientCpu: '400m',
  inFlightPerReplica: 16,
  warmUpSec: 300,
  roundWarmUpSec: 60,
  stepWarmUpSec: 5,
  stepSec: 30,
};

/** CI's run: 1 and 3 replicas once, a few seconds a step: proof that the bench works end to end. */
export const SHORT_RUN: Profile = {
  ...FULL_RUN,
  replicas: [1, 3],
  rounds: 1,
  warmUpSec: 5,
  roundWarmUpSec: 5,
  stepWarmUpSec: 2,
  stepSec: 4,
};
