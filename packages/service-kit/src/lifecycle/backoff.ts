export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Called before each wait, so callers can log every failed try. */
  onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
  signal?: AbortSignal;
  random?: () => number;
}

/** The wait before retry `attempt` (1-based): exponential, capped, with equal jitter. */
export function backoffDelay(
  attempt: number,
  { initialDelayMs, maxDelayMs, random = Math.random }: BackoffOptions,
): number {
  const ceiling = Math.min(maxDelayMs, initialDelayMs * 2 ** (attempt - 1));
  // Equal jitter: half the wait is fixed, half random. The random half spreads replicas that
  // failed together; the fixed half keeps each one from retrying almost at once.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Runs `task` until it succeeds or `signal` aborts, waiting longer after each failure. */
export async function retryWithBackoff<T>(
  task: () => Promise<T>,
  options: BackoffOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await task();
    } catch (error) {
      const delayMs = backoffDelay(attempt, options);
      options.onRetry?.(attempt, delayMs, error);
      await new Promise<void>((resolve) => setTimeout(resolve, delayMs).unref());
    }
  }
}
