import type { Dispatcher } from 'undici';
import { startLoadLoop } from '../load/load-loop.js';
import { poll } from '../wait/poll.js';

/**
 * Sends `count` requests, ten at a time, each on a new connection, and counts answers by
 * X-Served-By. A Service balances connections, so only fresh connections show the balancing.
 */
export async function servedBy(
  url: string,
  count: number,
  dispatcher?: Dispatcher,
): Promise<Record<string, number>> {
  const result = await startLoadLoop({
    url,
    concurrency: Math.min(count, 10),
    freshConnections: true,
    maxRequests: count,
    ...(dispatcher ? { dispatcher } : {}),
  }).finished;
  if (result.failed > 0) throw new Error(`${url}: ${result.errors.join('; ')}`);
  return result.servedBy;
}

export interface RoutingWait {
  /** A URL that names the pod that answered in X-Served-By, through the Service. */
  url: string;
  /** The pods new connections must reach, exactly, or (when it returns them) those at each ask. */
  pods: readonly string[] | (() => Promise<readonly string[]>);
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Waits until new connections through a Service reach exactly `pods`, and resolves with them.
 * kube-proxy applies an EndpointSlice change a moment after it is made: just after a rollout a
 * new connection can still reach a pod that is shutting down, and just after a scale-up none
 * reaches the new pods yet. Ten connections a pod: each ask misses a pod that does serve with a
 * chance below (1 - 1/n)^(10n) < 5e-5, and then it only asks again.
 */
export function waitForRouting({
  url,
  pods,
  dispatcher,
  timeoutMs = 30_000,
  signal,
}: RoutingWait): Promise<string[]> {
  return poll(
    async () => {
      const wanted = [...(typeof pods === 'function' ? await pods() : pods)].sort();
      const reached = Object.keys(
        await servedBy(url, 10 * Math.max(wanted.length, 1), dispatcher),
      ).sort();
      if (reached.join() === wanted.join()) return reached;
      throw new Error(`new connections reach ${reached.join(', ')}, not ${wanted.join(', ')}`);
    },
    {
      what: `new connections to ${url} to reach exactly the serving pods`,
      timeoutMs,
      intervalMs: 250,
      signal,
    },
  );
}
