import { Agent, request } from 'undici';

export interface LoadResult {
  total: number;
  failed: number;
  statuses: Record<number, number>;
  /** Answers counted by the X-Served-By header, i.e. by pod. */
  servedBy: Record<string, number>;
  /** Failed answers (not 2xx) that did not say when to retry. */
  failedWithoutRetryAfter: number;
  /** The longest wait for one whole answer, in ms. */
  slowestMs: number;
  /** The first failures, as text: an HTTP status or a network error. */
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
  /** A request with no whole answer after this long is a failure, never a hang. */
  requestTimeoutMs?: number;
}

export interface LoadLoop {
  /** Stops sending, waits for requests in flight, and reports. */
  stop(): Promise<LoadResult>;
  /** Resolves with the report once the loop has ended, by stop() or by one of its bounds. */
  finished: Promise<LoadResult>;
  /** Resolves once at least `n` answers have arrived; rejects if the loop ends before. */
  answered(n: number): Promise<void>;
  /** Answers so far. */
  count(): number;
}

/** Keeps `concurrency` workers sending requests until stopped; a non-2xx or a network error is a failure. */
export function startLoadLoop(options: LoadOptions): LoadLoop {
  const {
    concurrency = 4,
    maxRequests = 100_000,
    maxDurationMs = 120_000,
    requestTimeoutMs = 10_000,
  } = options;
  const agent = new Agent({
    connections: concurrency,
    pipelining: 1,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  const result: LoadResult = {
    total: 0,
    failed: 0,
    statuses: {},
    servedBy: {},
    failedWithoutRetryAfter: 0,
    slowestMs: 0,
    errors: [],
  };
  const deadline = Date.now() + maxDurationMs;
  const waiters: { n: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let sent = 0;
  let running = true;

  const record = (
    ms: number,
    answer: { status?: number; servedBy?: unknown; retryAfter?: unknown; error?: string },
  ) => {
    result.total++;
    result.slowestMs = Math.max(result.slowestMs, ms);
    const { status } = answer;
    if (status !== undefined) result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (typeof answer.servedBy === 'string')
      result.servedBy[answer.servedBy] = (result.servedBy[answer.servedBy] ?? 0) + 1;
    if (answer.error !== undefined || status === undefined || status >= 300) {
      result.failed++;
      if (status !== undefined && answer.retryAfter === undefined) result.failedWithoutRetryAfter++;
      if (result.errors.length < 20) result.errors.push(answer.error ?? `HTTP ${status}`);
    }
    for (const waiter of waiters.filter((w) => result.total >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const worker = async () => {
    // Counting requests as they leave keeps the total at maxRequests exactly.
    while (running && sent < maxRequests && Date.now() < deadline) {
      sent++;
      const started = performance.now();
      try {
        const res = await request(options.url, {
          dispatcher: agent,
          method: options.method ?? 'GET',
          reset: options.freshConnections ?? false,
          headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
          body: options.body === undefined ? null : JSON.stringify(options.body),
        });
        await res.body.dump();
        record(performance.now() - started, {
          status: res.statusCode,
          servedBy: res.headers['x-served-by'],
          retryAfter: res.headers['retry-after'],
        });
      } catch (error) {
        record(performance.now() - started, { error: (error as Error).message });
      }
    }
  };

  const finished = Promise.all(Array.from({ length: concurrency }, worker)).then(async () => {
    await agent.close();
    for (const waiter of waiters.splice(0))
      waiter.reject(
        new Error(`the load loop ended after ${result.total} answers, before ${waiter.n}`),
      );
    return result;
  });
  return {
    async stop() {
      running = false;
      return finished;
    },
    finished,
    count: () => result.total,
    answered: (n) =>
      result.total >= n
        ? Promise.resolve()
        : new Promise((resolve, reject) => waiters.push({ n, resolve, reject })),
  };
}
