import { describe, expect, it } from 'vitest';
import { backoffDelay, retryWithBackoff } from '../src/index.js';

describe('backoff', () => {
  it('when attempts grow, then the delay doubles up to the cap and jitter stays within it', () => {
    const options = { initialDelayMs: 100, maxDelayMs: 1_000 };

    const lowest = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { ...options, random: () => 0 }));
    const highest = [1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { ...options, random: () => 1 }));

    expect(highest).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(lowest).toEqual([50, 100, 200, 400, 500, 500]);
  });

  it('when the task fails twice, then it is retried and every failure is reported', async () => {
    const reported: number[] = [];
    let calls = 0;

    const result = await retryWithBackoff(
      () => (++calls < 3 ? Promise.reject(new Error('not yet')) : Promise.resolve('up')),
      { initialDelayMs: 1, maxDelayMs: 2, onRetry: (attempt) => reported.push(attempt) },
    );

    expect(result).toBe('up');
    expect(reported).toEqual([1, 2]);
  });

  it('when aborted, then it stops retrying', async () => {
    const controller = new AbortController();

    const attempt = retryWithBackoff(() => Promise.reject(new Error('down')), {
      initialDelayMs: 1,
      maxDelayMs: 1,
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });

    await expect(attempt).rejects.toThrow(/abort/i);
  });
});
