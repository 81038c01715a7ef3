import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';

export interface Answer {
  /** HTTP status, or 0 when the client's own deadline ended the wait. */
  status: number;
  ms: number;
  /** When it arrived, in ms since the epoch. */
  at: number;
  retryAfter: string | undefined;
}

export interface Write {
  n: number;
  text: string;
  /** The id the api acknowledged with a 201, once it did. */
  id?: number;
}

export interface KeyedWritesResult {
  writes: Write[];
  answers: Answer[];
}

export interface KeyedWritesOptions {
  baseUrl: string;
  /** Marks this run's messages: every text starts with it. */
  run: string;
  concurrency?: number;
  /** The client's own deadline for one answer. */
  timeoutMs?: number;
  /** How long stop() keeps retrying the writes in flight before it gives up on them. */
  drainMs?: number;
}

/**
 * Writes messages one after another on `concurrency` workers, as a careful client does: each
 * write carries its own Idempotency-Key, and is sent again with that key after a 503 (once its
 * Retry-After has passed) or when no answer came in time, until it is acknowledged with a 201.
 */
export function startKeyedWrites({
  baseUrl,
  run,
  concurrency = 4,
  timeoutMs = 5_000,
  drainMs = 60_000,
}: KeyedWritesOptions) {
  const agent = new Agent();
  const writes: Write[] = [];
  const answers: Answer[] = [];
  let stopping = false;
  let giveUpAt = Infinity;

  async function send(write: Write): Promise<Answer & { id?: number }> {
    const started = performance.now();
    try {
      const res = await request(`${baseUrl}/api/messages`, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', 'idempotency-key': `${run}-${write.n}` },
        body: JSON.stringify({ author: 'e2e-writes', text: write.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await res.body.json()) as { id?: number };
      const retryAfter = res.headers['retry-after'];
      return {
        status: res.statusCode,
        ms: performance.now() - started,
        at: Date.now(),
        retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
        id: body.id,
      };
    } catch {
      return { status: 0, ms: performance.now() - started, at: Date.now(), retryAfter: undefined };
    }
  }

  async function worker() {
    while (!stopping) {
      const write: Write = { n: writes.length, text: `${run} #${writes.length} 🚀` };
      writes.push(write);
      while (write.id === undefined && Date.now() < giveUpAt) {
        const { id, ...answer } = await send(write);
        answers.push(answer);
        if (answer.status === 201) write.id = id;
        else await sleep(answer.retryAfter ? Number(answer.retryAfter) * 1_000 : 500);
      }
    }
  }

  const workers = Array.from({ length: concurrency }, () => worker());
  return {
    /** Writes acknowledged so far. */
    acknowledged: () => writes.filter((w) => w.id !== undefined).length,
    answers,
    /** Starts no new write, and retries the ones in flight until acknowledged or `drainMs`. */
    async stop(): Promise<KeyedWritesResult> {
      stopping = true;
      giveUpAt = Date.now() + drainMs;
      await Promise.all(workers);
      await agent.close();
      return { writes, answers };
    },
  };
}
