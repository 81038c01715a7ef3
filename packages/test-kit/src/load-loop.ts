import { Agent, request } from 'undici';

export interface LoadResult {
  total: number;
  failed: number;
  statuses: Record<number, number>;
  /** Answers counted by the X-Served-By header, i.e. by pod. */
  servedBy: Record<string, number>;
  errors: string[];
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  concurrency?: number;
  /** Close the connection after each answer, so a Service balances every request. */
  freshConnections?: boolean;
  /** Safety bounds: the loop ends by itself at whichever comes first. */
  maxRequests?: number;
  maxDurationMs?: number;
}

export interface LoadLoop {
  /** Stops sending, waits for requests in flight, and reports. */
  stop(): Promise<LoadResult>;
  /** Resolves once at least `n` answers have arrived. */
  answered(n: number): Promise<void>;
  /** Answers so far. */
  count(): number;
}

/** Keeps `concurrency` workers sending requests until stopped; a non-2xx or a network error is a failure. */
export function startLoadLoop(options: LoadOptions): LoadLoop {
  const { concurrency = 4, maxRequests = 100_000, maxDurationMs = 120_000 } = options;
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const result: LoadResult = { total: 0, failed: 0, statuses: {}, servedBy: {}, errors: [] };
  const deadline = Date.now() + maxDurationMs;
  const waiters: { n: number; resolve: () => void }[] = [];
  let running = true;

  const record = (status: number | undefined, servedBy: string | undefined, error?: string) => {
    result.total++;
    if (status !== undefined) result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (servedBy) result.servedBy[servedBy] = (result.servedBy[servedBy] ?? 0) + 1;
    if (error !== undefined || status === undefined || status >= 300) {
      result.failed++;
      if (result.errors.length < 20) result.errors.push(error ?? `HTTP ${status}`);
    }
    for (const waiter of waiters.filter((w) => result.total >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const worker = async () => {
    while (running && result.total < maxRequests && Date.now() < deadline) {
      try {
        const res = await request(options.url, {
          dispatcher: agent,
          method: options.method ?? 'GET',
          reset: options.freshConnections ?? false,
          headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
          body: options.body === undefined ? null : JSON.stringify(options.body),
        });
        await res.body.dump();
        const servedBy = res.headers['x-served-by'];
        record(res.statusCode, typeof servedBy === 'string' ? servedBy : undefined);
      } catch (error) {
        record(undefined, undefined, (error as Error).message);
      }
    }
  };

  const workers = Array.from({ length: concurrency }, worker);
  return {
    async stop() {
      running = false;
      await Promise.all(workers);
      await agent.close();
      return result;
    },
    count: () => result.total,
    answered: (n) =>
      result.total >= n
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ n, resolve })),
  };
}
