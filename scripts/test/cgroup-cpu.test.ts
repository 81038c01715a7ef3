import { describe, expect, it } from 'vitest';
import { cpuUse, parseCpuAccount } from '../bench/kind/cgroup-cpu.js';

describe('a pod’s CPU account from its cgroup', () => {
  it('when the node runs cgroup v1, then cpu.stat and cpuacct.usage read as µs', () => {
    const v1 = `nr_periods 3091
nr_throttled 6
throttled_time 82437362
nr_bursts 0
burst_time 0
usage_ns 2820542760
cpu_max 50000 100000`;

    expect(parseCpuAccount(v1)).toEqual({
      usageUs: 2_820_542.76,
      periods: 3091,
      throttledPeriods: 6,
      throttledUs: 82_437.362,
      limitCores: 0.5,
    });
  });

  it('when the node runs cgroup v2, then cpu.stat alone reads the same way', () => {
    const v2 = `usage_usec 2820542
user_usec 2000000
system_usec 820542
nr_periods 3091
nr_throttled 6
throttled_usec 82437
cpu_max max 100000`;

    expect(parseCpuAccount(v2)).toEqual({
      usageUs: 2_820_542,
      periods: 3091,
      throttledPeriods: 6,
      throttledUs: 82_437,
      limitCores: undefined,
    });
  });

  it('when two readings are 10 s apart, then use is in cores and throttling a share of periods', () => {
    const at = (usageUs: number, periods: number, throttledPeriods: number) => ({
      usageUs,
      periods,
      throttledPeriods,
      throttledUs: 0,
      limitCores: 1,
    });

    const [before, after] = [at(1_000_000, 100, 10), at(6_000_000, 200, 60)];

    expect(cpuUse(before, after, 10)).toEqual({ cores: 0.5, throttledShare: 0.5 });
  });

  it('when the files are missing a field, then it says which', () => {
    expect(() => parseCpuAccount('usage_usec 5\nnr_periods 1')).toThrow(
      'cpu.stat has no nr_throttled',
    );
  });
});
