import { setTimeout as sleep } from 'node:timers/promises';
import { startLoadLoop, type Kube } from '@podtalk/cluster-kit';
import { evidence } from './evidence.js';
import { nameLimit } from './limit.js';
import type { PlannedStep } from './plan.js';
import { takeReading } from './readings.js';
import type { StepResult } from './summary.js';

export interface LoadTarget {
  /** What the bench asks for: a read that crosses the api, db-client and MySQL. */
  url: string;
  kube: Kube;
  /** A kind node, whose /proc/stat is the machine's. */
  node: string;
  signal: AbortSignal;
}

/** The closed loop the bench runs: `inFlight` requests on keep-alive connections, never ending by itself. */
const load = (url: string, inFlight: number) =>
  startLoadLoop({ url, concurrency: inFlight, maxDurationMs: 24 * 3_600_000 });

/** Holds the load for `seconds`, measuring nothing: a warm-up. */
export async function hold(
  { url, signal }: LoadTarget,
  inFlight: number,
  seconds: number,
): Promise<void> {
  const running = load(url, inFlight);
  try {
    await sleep(seconds * 1000, undefined, { signal });
  } finally {
    await running.stop();
  }
}

/** Loads through a warm-up, then measures a window, reading every counter at both edges. */
export async function measure(
  target: LoadTarget,
  step: PlannedStep,
  { warmUpSec, measureSec }: { warmUpSec: number; measureSec: number },
): Promise<StepResult> {
  const read = () => takeReading(target.kube, target.node);
  const running = load(target.url, step.inFlight);
  try {
    await sleep(warmUpSec * 1000, undefined, { signal: target.signal });
    // The window opens as the reads start, and closes as the second ones start: the reads take
    // a moment at both edges alike.
    const reading = read();
    running.mark();
    const before = await reading;
    await sleep(measureSec * 1000, undefined, { signal: target.signal });
    const window = running.window();
    const measured = evidence(before, await read(), window, step.inFlight);
    return {
      round: step.round,
      replicas: step.replicas,
      evidence: measured,
      limit: nameLimit(measured),
    };
  } finally {
    await running.stop();
  }
}
