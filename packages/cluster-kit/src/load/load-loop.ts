import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { latencyOf, type Latency } from './stats.js';

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  body?: unknown;
  /**
   * A closed loop: this many requests in flight, each answer sending the next one. With `rate`,
   * the most connections the open loop may hold.
   */
  concurrency?: number;
  /**
   * An open loop instead: this many requests a second, request i leaving at start + i / rate
   * whether or not the earlier ones have answered, so a slow answer cannot hold back the next
   * request and hide itself.
   */
  rate?: number;
  /** Close the connection after each answer, so a Service balances every request. */
  freshConnections?: boolean;
  /** Safety bounds: the loop ends by itself at whichever comes first. */
  maxRequests?: number;
  maxDurationMs?: number;
  /** A request with no whole answer after this long is a failure, never a hang. */
  requestTimeoutMs?: number;
  /** Where the requests go through; an Agent of the loop's own by default. */
  dispatcher?: Dispatcher;
}

/** What came back in a window: from the start, or from the last mark(). */
export interface LoadResult {
  seconds: number;
  /** Answers, and requests that failed without one. */
  total: number;
  /** 2xx answers. */
  ok: number;
  failed: number;
  /** 2xx answers a second. */
  requestsPerSec: number;
  statuses: Record<number, number>;
  /** Answers by the pod that sent them (X-Served-By), and by the db-client behind it. */
  servedBy: Record<string, number>;
  upstreamServedBy: Record<string, number>;
  /** Failed answers (not 2xx) that did not say when to retry. */
  failedWithoutRetryAfter: number;
  /** The 2xx answers' latency, whole answer included. */
  latencyMs: Latency;
  /** The longest wait for one whole answer, failures included, in ms. */
  slowestMs: number;
  /** When each failure came (ms since the epoch), to say for how long requests failed. */
  failureTimes: number[];
  /**
   * Each kind of failure once, as text, up to 20: a network error, or an HTTP status with the pod
   * that answered and the problem it named (`HTTP 503 from api-x: The database is not reachable …`).
   * Once only, so that a rare kind still shows beside many of a common one.
   */
  errors: string[];
}

export interface LoadLoop {
  /** Starts a new window: what came before it was the warm-up. */
  mark(): void;
  /** The window so far; the load goes on. */
  window(): LoadResult;
  /** Answers since the start, marks or not. */
  count(): number;
  /** Resolves once `n` answers have arrived since the start; rejects if the loop ends before. */
  answered(n: number): Promise<void>;
  /** Stops sending, waits for the requests in flight, and reports the window. */
  stop(): Promise<LoadResult>;
  /** Resolves with the window once the loop has ended, by stop() or by one of its bounds. */
  finished: Promise<LoadResult>;
}

/** A failed answer in one line: its status, the pod that sent it, and the problem's detail. */
function describeFailure(status: number, servedBy: unknown, body: string): string {
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

const tally = (counts: Record<string, number>, key: unknown) => {
  if (typeof key === 'string') counts[key] = (counts[key] ?? 0) + 1;
};

function newWindow() {
  return {
    started: performance.now(),
    latencies: [] as number[],
    total: 0,
    failed: 0,
    statuses: {} as Record<number, number>,
    servedBy: {} as Record<string, number>,
    upstreamServedBy: {} as Record<string, number>,
    failedWithoutRetryAfter: 0,
    slowestMs: 0,
    failureTimes: [] as number[],
    errors: [] as string[],
  };
}

/**
 * The one load loop of tests, e2e scenarios and benchmarks: requests on undici, closed or
 * paced, counted by the pod that answered; a non-2xx or a network error is a failure.
 */
export function startLoadLoop(options: LoadOptions): LoadLoop {
  const {
    concurrency = 4,
    rate,
    maxRequests = Infinity,
    maxDurationMs = 120_000,
    requestTimeoutMs = 10_000,
  } = options;
  const ownDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Agent({ connections: concurrency, pipelining: 1 });
  const deadline = Date.now() + maxDurationMs;
  const waiters: { n: number; resolve: () => void; reject: (error: Error) => void }[] = [];
  let window = newWindow();
  let answers = 0;
  let sent = 0;
  let running = true;
  const going = () => running && sent < maxRequests && Date.now() < deadline;

  const record = (
    ms: number,
    status: number | undefined,
    headers: Dispatcher.ResponseData['headers'] = {},
    failure = '',
  ) => {
    window.total++;
    window.slowestMs = Math.max(window.slowestMs, ms);
    if (status !== undefined) window.statuses[status] = (window.statuses[status] ?? 0) + 1;
    tally(window.servedBy, headers['x-served-by']);
    tally(window.upstreamServedBy, headers['x-upstream-served-by']);
    if (status !== undefined && status >= 200 && status < 300) window.latencies.push(ms);
    else {
      window.failed++;
      window.failureTimes.push(Date.now());
      if (status !== undefined && headers['retry-after'] === undefined)
        window.failedWithoutRetryAfter++;
      const text =
        status === undefined ? failure : describeFailure(status, headers['x-served-by'], failure);
      if (window.errors.length < 20 && !window.errors.includes(text)) window.errors.push(text);
    }
    answers++;
    for (const waiter of waiters.filter((w) => answers >= w.n)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };

  const one = async () => {
    sent++;
    const started = performance.now();
    try {
      const res = await request(options.url, {
        dispatcher,
        method: options.method ?? 'GET',
        reset: options.freshConnections ?? false,
        headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
        body: options.body === undefined ? null : JSON.stringify(options.body),
        // Whole answer included; a signal, since undici's own timeouts tick every half second.
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      // A failure's body says what went wrong; a success's is not needed.
      const body = res.statusCode >= 300 ? await res.body.text() : (await res.body.dump(), '');
      record(performance.now() - started, res.statusCode, res.headers, body);
    } catch (error) {
      record(performance.now() - started, undefined, {}, (error as Error).message);
    }
  };

  const closed = async () => {
    while (going()) await one();
  };
  const paced = async (perSecond: number) => {
    const started = performance.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; going(); i++) {
      // Each moment is fixed from the start, so a late timer never shifts the ones after it.
      const wait = started + (i * 1000) / perSecond - performance.now();
      if (wait > 0) await sleep(wait);
      const sending = one().finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
  };

  const report = (): LoadResult => {
    const seconds = (performance.now() - window.started) / 1000;
    const ok = window.latencies.length;
    return {
      seconds,
      total: window.total,
      ok,
      failed: window.failed,
      requestsPerSec: seconds > 0 ? ok / seconds : 0,
      statuses: { ...window.statuses },
      servedBy: { ...window.servedBy },
      upstreamServedBy: { ...window.upstreamServedBy },
      failedWithoutRetryAfter: window.failedWithoutRetryAfter,
      latencyMs: latencyOf(window.latencies),
      slowestMs: window.slowestMs,
      failureTimes: [...window.failureTimes],
      errors: [...window.errors],
    };
  };

  const workers = rate ? [paced(rate)] : Array.from({ length: concurrency }, closed);
  const finished = Promise.all(workers).then(async () => {
    if (ownDispatcher) await dispatcher.close();
    for (const waiter of waiters.splice(0))
      waiter.reject(new Error(`the load loop ended after ${answers} answers, before ${waiter.n}`));
    return report();
  });
  return {
    mark() {
      window = newWindow();
    },
    window: report,
    count: () => answers,
    answered: (n) =>
      answers >= n
        ? Promise.resolve()
        : new Promise((resolve, reject) => waiters.push({ n, resolve, reject })),
    stop() {
      running = false;
      return finished;
    },
    finished,
  };
}
