import { describe, expect, it } from 'vitest';
import { kernelUse, parseKernelTimes } from '../bench/kind/kernel-cpu.js';

const stat = (user: number, system: number, idle: number, softirq: number, steal: number) =>
  [
    `cpu  ${user} 0 ${system} ${idle} 0 0 ${softirq} ${steal} 0 0`,
    'cpu0 1 0 1 1 0 0 0 0 0 0',
    'cpu1 1 0 1 1 0 0 0 0 0 0',
  ].join('\n');

describe('the machine’s CPU from /proc/stat', () => {
  it('when read twice, then the time between is cores’ worth of user, kernel, softirq and steal', () => {
    const before = parseKernelTimes(stat(1000, 500, 8000, 100, 50));
    const after = parseKernelTimes(stat(1800, 800, 8600, 200, 70));

    // 10 s apart, in hundredths of a second: 800 ticks of user is 0.8 of a core.
    const use = kernelUse(before, after, 10);
    expect(use.cores).toBe(2);
    expect(use.user).toBeCloseTo(0.8);
    expect(use.kernel).toBeCloseTo(0.4);
    expect(use.softirq).toBeCloseTo(0.1);
    expect(use.steal).toBeCloseTo(0.02);
    expect(use.busy).toBeCloseTo(1.22);
  });

  it('when the text has no total line, then it says so', () => {
    expect(() => parseKernelTimes('intr 1 2 3')).toThrow('no cpu line in /proc/stat');
  });
});
