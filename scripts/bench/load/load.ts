import { driveWithAutocannon } from './autocannon-load.js';
import type { LoadGenerator } from './load-spec.js';
import { driveWithWrk, hasWrk } from './wrk-load.js';

export type { LoadGenerator, LoadResult, LoadSpec } from './load-spec.js';

/**
 * wrk when it is installed, autocannon otherwise. The generator shares the cores with the
 * services it measures: autocannon parses every answer in JavaScript, wrk in C, so with wrk
 * more of the machine goes to the services (docs/performance.md).
 */
export function pickLoadGenerator(): LoadGenerator {
  return hasWrk()
    ? { name: 'wrk', drive: driveWithWrk }
    : { name: 'autocannon', drive: driveWithAutocannon };
}
