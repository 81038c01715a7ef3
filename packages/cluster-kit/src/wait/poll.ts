import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** What is awaited, for the error when it never comes: "3 ready endpoints behind api". */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
}

/**
 * Asks `check` until it answers with a value, and resolves with it. `check` answers undefined for
 * "not yet"; a throw counts as "not yet" too, and the last one's message ends the error.
 */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  { what, timeoutMs, intervalMs = 1_000, signal }: PollOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    signal?.throwIfAborted();
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline)
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}${last ? `: ${last}` : ''}`);
    await sleep(intervalMs, undefined, { signal });
  }
}
