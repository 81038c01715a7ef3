import { Pool } from 'undici';

export interface SaturationSpec {
  url: string;
  /**
   * Requests in flight, each on its own keep-alive connection: a closed loop, so every answer
   * sends the next request. A Service balances connections, so each pod gets a share of them.
   */
  connections: number;
}

/** What came back between `mark()` and `window()`. */
export interface LoadWindow {
  seconds: number;
  answered: number;
  failed: number;
  /** 2xx answers by the pod that sent them (X-Served-By), and by the db-client behind it. */
  servedBy: Record<string, number>;
  upstreamServedBy: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

export interface Saturation {
  /** Starts the window afresh: what came before it was the warm-up. */
  mark(): void;
  /** The window so far; the load goes on. */
  window(): LoadWindow;
  /** Stops sending and waits for the requests in flight. */
  stop(): Promise<void>;
}

const percentile = (sorted: number[], share: number) =>
  sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0;

const tenths = (ms: number) => Math.round(ms * 10) / 10;

const count = (tally: Record<string, number>, key: unknown) => {
  if (typeof key === 'string') tally[key] = (tally[key] ?? 0) + 1;
};

/**
 * Keeps `connections` GETs of `url` in flight until stopped. The throughput it sees once every
 * pod has more work than it can do is the capacity: what the pods can serve, not what was offered.
 */
export function saturate({ url, connections }: SaturationSpec): Saturation {
  const { origin, pathname, search } = new URL(url);
  const pool = new Pool(origin, { connections, pipelining: 1 });
  let window = emptyWindow();
  let running = true;

  function emptyWindow() {
    return {
      started: performance.now(),
      latencies: [] as number[],
      failed: 0,
      servedBy: {} as Record<string, number>,
      upstreamServedBy: {} as Record<string, number>,
    };
  }

  const worker = async () => {
    while (running) {
      const sent = performance.now();
      try {
        const { statusCode, headers, body } = await pool.request({
          path: pathname + search,
          method: 'GET',
          // A stuck pod costs a failure after 10 s, never a bench that hangs.
          signal: AbortSignal.timeout(10_000),
        });
        await body.dump();
        // Counted when it arrives, so the window's rate is the rate of answers within it.
        if (statusCode < 200 || statusCode > 299) {
          window.failed++;
          continue;
        }
        window.latencies.push(performance.now() - sent);
        count(window.servedBy, headers['x-served-by']);
        count(window.upstreamServedBy, headers['x-upstream-served-by']);
      } catch {
        window.failed++;
      }
    }
  };
  const workers = Promise.all(Array.from({ length: connections }, worker));

  return {
    mark() {
      window = emptyWindow();
    },
    window() {
      const sorted = [...window.latencies].sort((a, b) => a - b);
      return {
        seconds: (performance.now() - window.started) / 1000,
        answered: sorted.length,
        failed: window.failed,
        servedBy: { ...window.servedBy },
        upstreamServedBy: { ...window.upstreamServedBy },
        p50Ms: tenths(percentile(sorted, 0.5)),
        p99Ms: tenths(percentile(sorted, 0.99)),
      };
    },
    async stop() {
      running = false;
      await workers;
      await pool.close();
    },
  };
}
