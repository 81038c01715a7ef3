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
  /** When each failure came (ms since the epoch), to say for how long requests failed. */
  failureTimes: number[];
  /**
   * The first failures, as text: a network error, or an HTTP status with the pod that answered
   * and the problem it named (`HTTP 503 from api-x: The database is not reachable …`).
   */
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

/** A failed answer in one line: its status, the pod that sent it, and the problem's detail. */
function describeFailure(status: number | undefined, servedBy: unknown, body: string): string {
  let detail = body.slice(0, 120);
  try {
    const problem = JSON.parse(body) as { detail?: string; title?: string };
    detail = problem.detail ?? problem.title ?? detail;
  } catch {
    // Not JSON: the start of the body says enough.
  }
  const from = typeof servedBy === 'string' ? ` from ${servedBy}` : '';
  return `HTTP ${status}${from}${detail ? `: ${detail}` : ''}`;
}

/** Keeps `concurrency` workers sending requests until stopped; a non-2xx or a network error is a failure. */
export function startLoadLoop(options: LoadOptions): LoadLoop {
  const {
    concurrency = 4,
    maxRequests = 100_000,
    maxDurationMs = 120_000,
    requestTimeoutMs = 10_000,
  } = options;
  const agent = new Agent({ connections: concurrency, pipelining: 1 });
  const result: LoadResult = {
    total: 0,
    failed: 0,
    statuses: {},
    servedBy: {},
    failedWithoutRetryAfter: 0,
    slowestMs: 0,
    failureTimes: [],
    errors: [],
  };
  const deadline = Date.now() + maxDurationMs;
  const waiters: { n: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let sent = 0;
  let running = true;

  const record = (
    ms: number,
    answer: { status?: number; servedBy?: unknown; retryAfter?: unknown; error?: string },
    body = '',
  ) => {
    result.total++;
    result.slowestMs = Math.max(result.slowestMs, ms);
    const { status } = answer;
    if (status !== undefined) result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    if (typeof answer.servedBy === 'string')
      result.servedBy[answer.servedBy] = (result.servedBy[answer.servedBy] ?? 0) + 1;
    if (answer.error !== undefined || status === undefined || status >= 300) {
      result.failed++;
      result.failureTimes.push(Date.now());
      if (status !== undefined && answer.retryAfter === undefined) result.failedWithoutRetryAfter++;
      if (result.errors.length < 20)
        result.errors.push(answer.error ?? describeFailure(status, answer.servedBy, body));
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
          // Whole answer included; a signal, since undici's own timeouts tick every half second.
          signal: AbortSignal.timeout(requestTimeoutMs),
        });
        // A failure's body says what went wrong; a success's is not needed.
        let body = '';
        if (res.statusCode >= 300) body = await res.body.text();
        else await res.body.dump();
        record(
          performance.now() - started,
          {
            status: res.statusCode,
            servedBy: res.headers['x-served-by'],
            retryAfter: res.headers['retry-after'],
          },
          body,
        );
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
