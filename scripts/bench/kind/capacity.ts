import type { LoadResult } from '../load/load.js';

/** What "keeping up" means: every answer a 2xx, and p99 within this many ms. */
export interface Objective {
  p99Ms: number;
}

export interface Step {
  rate: number;
  result: LoadResult;
  /** Empty when the step met the objective; otherwise how it broke. */
  broke: string;
}

export interface CapacitySearch {
  /** The highest offered rate that met the objective; 0 when even the lowest did not. */
  capacity: number;
  /** The step at that rate, and the lowest rate that broke the objective. */
  atCapacity: Step | undefined;
  firstBreak: Step | undefined;
  steps: Step[];
}

export interface SearchOptions {
  objective: Objective;
  startRate: number;
  /** Each climbing step offers this many times the rate before it. */
  growth: number;
  /** After the first break, halve the gap between good and broken this many times. */
  refinements: number;
  /** Never offer less or more than this. */
  minRate: number;
  maxRate: number;
  /**
   * Run a broken rate once more, and count it broken only if it breaks again: one stall (a
   * GC burst that uses up a pod's CFS quota) can spoil a step; overload spoils every one.
   */
  confirmBreaks: boolean;
}

/** How a step broke the objective, in words; empty when it did not. */
export function brokeBy(result: LoadResult, { p99Ms }: Objective): string {
  const failures = result.errors + result.non2xx;
  if (failures > 0) return `${failures} of ${result.total + result.errors} requests failed`;
  if (result.p99 > p99Ms) return `p99 ${result.p99} ms > ${p99Ms} ms`;
  return '';
}

/**
 * The capacity at a fixed objective, found with open-loop load: climb from `startRate` by
 * `growth` until a rate breaks the objective (or step down until one meets it), then bisect
 * between the best good rate and the lowest broken one.
 */
export async function findCapacity(
  measure: (rate: number) => Promise<LoadResult>,
  options: SearchOptions,
): Promise<CapacitySearch> {
  const steps: Step[] = [];
  const once = async (rate: number) => {
    const result = await measure(rate);
    const step = { rate, result, broke: brokeBy(result, options.objective) };
    steps.push(step);
    return step;
  };
  const run = async (rate: number) => {
    const first = await once(rate);
    return first.broke && options.confirmBreaks ? once(rate) : first;
  };
  const round = (rate: number) =>
    Math.round(Math.min(options.maxRate, Math.max(options.minRate, rate)));

  let good: Step | undefined;
  let bad: Step | undefined;
  let step = await run(round(options.startRate));
  if (step.broke) {
    bad = step;
    // Too much already: come down until a rate holds, or the floor breaks too.
    while (!good && step.rate > options.minRate) {
      step = await run(round(step.rate / options.growth));
      if (step.broke) bad = step;
      else good = step;
    }
  } else {
    good = step;
    while (!bad && step.rate < options.maxRate) {
      step = await run(round(step.rate * options.growth));
      if (step.broke) bad = step;
      else good = step;
    }
  }
  for (let i = 0; i < options.refinements && good && bad; i++) {
    const middle = round((good.rate + bad.rate) / 2);
    if (middle === good.rate || middle === bad.rate) break;
    step = await run(middle);
    if (step.broke) bad = step;
    else good = step;
  }
  return { capacity: good?.rate ?? 0, atCapacity: good, firstBreak: bad, steps };
}
