/** A container's CPU account, as its cgroup keeps it, in µs and CFS periods. */
export interface CpuAccount {
  usageUs: number;
  periods: number;
  throttledPeriods: number;
  /** Its CPU limit in cores, from the CFS quota; undefined when it has none. */
  limitCores: number | undefined;
}

/** Prints the container's own cgroup CPU files, v2 or v1. Run inside the pod with `sh -c`. */
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
    limitCores: quota === 'max' || Number(quota) < 0 ? undefined : Number(quota) / Number(period),
  };
}

/** The machine's cores, busy and not, from the first lines of /proc/stat, in seconds. */
export interface KernelTimes {
  cores: number;
  busy: number;
  idle: number;
}

// USER_HZ: /proc/stat counts in hundredths of a second on every Linux that Docker runs on.
const TICKS_PER_SECOND = 100;

/** Reads `grep ^cpu /proc/stat`: the total line, then one line per core. */
export function parseKernelTimes(text: string): KernelTimes {
  const lines = text.trim().split('\n');
  const total = lines.find((line) => /^cpu\s/.test(line));
  if (!total) throw new Error(`no cpu line in /proc/stat:\n${text}`);
  const ticks = total
    .trim()
    .split(/\s+/)
    .slice(1)
    .map((n) => Number(n) / TICKS_PER_SECOND);
  const [, , , idle = 0, iowait = 0] = ticks;
  const all = ticks.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return {
    cores: lines.filter((line) => /^cpu\d+\s/.test(line)).length,
    busy: all - idle - iowait,
    idle: idle + iowait,
  };
}
