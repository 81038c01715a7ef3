/** The shape of one run: how many api pods serve at each step, and the budgets that hold them. */
export interface Profile {
  /** The api pods the Service selects at each step of a round, most first. */
  replicas: number[];
  /** Rounds over every count, so slow drift on a shared machine hits each count alike. */
  rounds: number;
  /** The CPU request and limit of every api pod. */
  apiCpu: string;
  /** db-client's CPU request and limit: one replica, so one database side serves every api pod. */
  dbClientCpu: string;
  /**
   * Requests in flight per serving api pod: enough that every pod always has work waiting, so
   * each runs at its CPU limit and the throughput is their capacity.
   */
  inFlightPerReplica: number;
  /**
   * Before the first round, every pod serves this long: under a small CPU limit a new pod's CPU
   * per request keeps falling for minutes while V8 compiles its hot path.
   */
  warmUpSec: number;
  /** Before each later round, every pod serves again this long: a pod idle out of the Service costs more at first. */
  roundWarmUpSec: number;
  /** Each step: load for stepWarmUpSec, then measured for stepSec, on the same connections. */
  stepWarmUpSec: number;
  stepSec: number;
}

/**
 * The full run: 7, 5, 3 and 1 api pods, each held to 100m, in front of one db-client held to
 * 300m and MySQL at its deployed limit. Up to 3 pods the api pods are the limit; db-client's
 * 300m stops the growth at about 4, so 5 and 7 measure the ceiling (docs/performance.md).
 */
export const FULL_RUN: Profile = {
  replicas: [7, 5, 3, 1],
  rounds: 5,
  apiCpu: '100m',
  dbClientCpu: '300m',
  inFlightPerReplica: 16,
  warmUpSec: 300,
  roundWarmUpSec: 60,
  stepWarmUpSec: 5,
  stepSec: 30,
};

/** CI's run: 3 and 1 api pods once, a few seconds a step: proof that the bench works end to end. */
export const SHORT_RUN: Profile = {
  ...FULL_RUN,
  replicas: [3, 1],
  rounds: 1,
  warmUpSec: 5,
  roundWarmUpSec: 5,
  stepWarmUpSec: 2,
  stepSec: 4,
};
