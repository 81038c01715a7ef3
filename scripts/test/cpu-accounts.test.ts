import { describe, expect, it } from 'vitest';
import { parseCpuAccount, parseKernelTimes } from '../bench/kind/cpu-accounts.js';

describe('reading CPU accounts', () => {
  it('when cgroup v2 prints cpu.stat and cpu.max, then usage, periods and the limit are read', () => {
    const account = parseCpuAccount(
      'usage_usec 2500000\nuser_usec 2000000\nnr_periods 100\nnr_throttled 60\nthrottled_usec 900\ncpu_max 10000 100000\n',
    );

    expect(account).toEqual({
      usageUs: 2_500_000,
      periods: 100,
      throttledPeriods: 60,
      limitCores: 0.1,
    });
  });

  it('when cgroup v1 prints its files, then the same account is read, and -1 means no limit', () => {
    const account = parseCpuAccount(
      'nr_periods 40\nnr_throttled 0\nthrottled_time 0\nusage_ns 3000000000\ncpu_max -1 100000\n',
    );

    expect(account).toEqual({
      usageUs: 3_000_000,
      periods: 40,
      throttledPeriods: 0,
      limitCores: undefined,
    });
  });

  it('when /proc/stat is read, then every core is counted and busy leaves out idle and iowait', () => {
    const times = parseKernelTimes(
      'cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 50 0 25 400 25 0 0 0 0 0\ncpu1 50 0 25 400 25 0 0 0 0 0\n',
    );

    expect(times).toEqual({ cores: 2, busy: 1.5, idle: 8.5 });
  });
});
