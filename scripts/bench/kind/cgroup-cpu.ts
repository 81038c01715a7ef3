/** A container's CPU account, as its cgroup keeps it. */
export interface CpuAccount {
  /** CPU time used, in µs. */
  usageUs: number;
  /** CFS periods with a runnable task, and those in which the quota ran out. */
  periods: number;
  throttledPeriods: number;
  /** Time the container was held back by its quota, in µs. */
  throttledUs: number;
  /** Its CPU limit in cores, from the CFS quota; undefined when it has none. */
  limitCores: number | undefined;
}

/**
 * Prints the container's own cgroup CPU files: cgroup v2's cpu.stat, or cgroup v1's cpu.stat
 * plus cpuacct.usage. Run inside the pod with `sh -c`.
 */
export const READ_CPU_ACCOUNT = [
  'if [ -f /sys/fs/cgroup/cpu.stat ]; then',
  '  cat /sys/fs/cgroup/cpu.stat; echo "cpu_max $(cat /sys/fs/cgroup/cpu.max)"',
  'else',
  '  cat /sys/fs/cgroup/cpu/cpu.stat',
  '  echo "usage_ns $(cat /sys/fs/cgroup/cpuacct/cpuacct.usage)"',
  '  echo "cpu_max $(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)"',
  'fi',
].join('\n');

/** Reads what READ_CPU_ACCOUNT printed, in either cgroup version's words. */
export function parseCpuAccount(text: string): CpuAccount {
  const lines = text
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const fields = new Map(lines.map(([key = '', value = '0']) => [key, Number(value)]));
  // cgroup v2 says "max 100000" without a limit; v1 says "-1 100000".
  const [, quota = 'max', period = '100000'] = lines.find(([key]) => key === 'cpu_max') ?? [];
  const get = (name: string) => {
    const value = fields.get(name);
    if (value === undefined || Number.isNaN(value))
      throw new Error(`cpu.stat has no ${name}:\n${text}`);
    return value;
  };
  const v2 = fields.has('usage_usec');
  return {
    usageUs: v2 ? get('usage_usec') : get('usage_ns') / 1000,
    periods: get('nr_periods'),
    throttledPeriods: get('nr_throttled'),
    throttledUs: v2 ? get('throttled_usec') : get('throttled_time') / 1000,
    limitCores: quota === 'max' || Number(quota) < 0 ? undefined : Number(quota) / Number(period),
  };
}

/** What a container did between two readings. */
export interface CpuUse {
  /** CPU used, in cores (1000m = one core busy the whole time). */
  cores: number;
  /** The share of CFS periods in which the quota ran out. */
  throttledShare: number;
}

export function cpuUse(before: CpuAccount, after: CpuAccount, seconds: number): CpuUse {
  const periods = after.periods - before.periods;
  return {
    cores: (after.usageUs - before.usageUs) / 1e6 / seconds,
    throttledShare: periods > 0 ? (after.throttledPeriods - before.throttledPeriods) / periods : 0,
  };
}
