import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Settles as `work` does, or rejects with `late()` once `ms` have passed first. For work that
 * takes no AbortSignal (a DNS lookup, a readiness check): the work itself goes on, unwatched.
 */
export async function within<T>(work: Promise<T>, ms: number, late: () => Error): Promise<T> {
  const timer = new AbortController();
  try {
    return await Promise.race([
      work,
      sleep(ms, undefined, { signal: timer.signal }).then(() => Promise.reject(late())),
    ]);
  } finally {
    timer.abort();
  }
}
