import { setTimeout as sleep } from 'node:timers/promises';
import { saturate, type LoadWindow, type SaturationSpec } from '../load/saturate.js';

export interface Timing {
  warmUpSec: number;
  measureSec: number;
}

export interface Measured<R> {
  window: LoadWindow;
  /** What `read` returned at the window's two edges. */
  before: R;
  after: R;
}

/** How the bench puts load on the cluster: for real, or, in a dry run, as a line of text. */
export interface Loader {
  /** Holds the load for `seconds`, measuring nothing. */
  warm(spec: SaturationSpec, seconds: number): Promise<void>;
  /** Holds the load through a warm-up, then measures a window, calling `read` at both edges. */
  measure<R>(spec: SaturationSpec, timing: Timing, read: () => Promise<R>): Promise<Measured<R>>;
}

export const realLoader: Loader = {
  async warm(spec, seconds) {
    const load = saturate(spec);
    await sleep(seconds * 1000);
    await load.stop();
  },
  async measure(spec, { warmUpSec, measureSec }, read) {
    const load = saturate(spec);
    try {
      await sleep(warmUpSec * 1000);
      // The window opens as the reads start, and closes as the second ones start: the reads
      // take a moment at both edges alike.
      const reading = read();
      load.mark();
      const before = await reading;
      await sleep(measureSec * 1000);
      const window = load.window();
      return { window, before, after: await read() };
    } finally {
      await load.stop();
    }
  },
};

const EMPTY: LoadWindow = {
  seconds: 0,
  answered: 0,
  failed: 0,
  servedBy: {},
  upstreamServedBy: {},
  p50Ms: 0,
  p99Ms: 0,
};

/** For --dry-run: says what the load would be, and runs the reads against the dry-run shell. */
export function dryLoader(say: (line: string) => void): Loader {
  const describe = ({ url, connections }: SaturationSpec) =>
    `${connections} keep-alive connections, each sending GET ${url} again as soon as it is answered`;
  return {
    warm(spec, seconds) {
      say(`# load: ${describe(spec)}, for ${seconds} s`);
      return Promise.resolve();
    },
    async measure(spec, { warmUpSec, measureSec }, read) {
      say(`# load: ${describe(spec)}: ${warmUpSec} s warm-up, then ${measureSec} s measured`);
      say('# read at both edges of the measured window:');
      return { window: EMPTY, before: await read(), after: await read() };
    },
  };
}
