/**
 * The kernel's own account of every core, from the first line of /proc/stat: the machine that
 * runs the kind nodes (this host on Linux, Docker Desktop's VM on a Mac), in seconds.
 */
export interface KernelTimes {
  cores: number;
  user: number;
  system: number;
  irq: number;
  softirq: number;
  /** Time a hypervisor gave this machine's cores to someone else. */
  steal: number;
  idle: number;
}

// USER_HZ: /proc/stat counts in hundredths of a second on every Linux that Docker runs on.
export const TICKS_PER_SECOND = 100;

/** Reads `grep ^cpu /proc/stat`: the total line, then one line per core. */
export function parseKernelTimes(text: string): KernelTimes {
  const lines = text.trim().split('\n');
  const total = lines.find((line) => /^cpu\s/.test(line));
  if (!total) throw new Error(`no cpu line in /proc/stat:\n${text}`);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
    total
      .trim()
      .split(/\s+/)
      .slice(1)
      .map((ticks) => Number(ticks) / TICKS_PER_SECOND);
  return {
    cores: lines.filter((line) => /^cpu\d+\s/.test(line)).length,
    user: user + nice,
    system,
    irq,
    softirq,
    steal,
    idle: idle + iowait,
  };
}

/** Cores' worth of each kind of time between two readings `seconds` apart. */
export interface KernelUse {
  cores: number;
  /** Everything but idle: user, system, irq, softirq and steal. */
  busy: number;
  user: number;
  /** The kernel's own work: system calls, interrupts, softirqs (the network's receive path). */
  kernel: number;
  softirq: number;
  steal: number;
}

export function kernelUse(before: KernelTimes, after: KernelTimes, seconds: number): KernelUse {
  const per = (key: keyof KernelTimes) => (after[key] - before[key]) / seconds;
  const kernel = per('system') + per('irq') + per('softirq');
  return {
    cores: after.cores,
    busy: per('user') + kernel + per('steal'),
    user: per('user'),
    kernel,
    softirq: per('softirq'),
    steal: per('steal'),
  };
}
