import { describe, expect, it } from 'vitest';
import { serveStaleLookup, type Resolve } from '../src/data-access/service-name-lookup.js';

const CLUSTER_IP = [{ address: '10.96.14.7', family: 4 }];
const never = () => new Promise<never>(() => undefined);
const refused = () =>
  Promise.reject(Object.assign(new Error('queryA ECONNREFUSED'), { code: 'ECONNREFUSED' }));

/** Asks the lookup as undici's DNS interceptor does, and times the answer. */
function ask(lookup: ReturnType<typeof serveStaleLookup>) {
  const started = performance.now();
  return new Promise<{ error: NodeJS.ErrnoException | null; addresses: unknown[]; ms: number }>(
    (resolve) => {
      lookup(new URL('http://db-client.podtalk.svc.cluster.local:8080'), {}, (error, addresses) =>
        resolve({ error, addresses, ms: performance.now() - started }),
      );
    },
  );
}

/** A resolver that answers with the ClusterIP once, then behaves as `after`. */
function answersOnceThen(after: Resolve): Resolve {
  let calls = 0;
  return (hostname) => (calls++ === 0 ? Promise.resolve(CLUSTER_IP) : after(hostname));
}

describe('the serve-stale lookup for db-client’s name', () => {
  it('when DNS answers, then the interceptor gets the address with the TTL', async () => {
    const lookup = serveStaleLookup({
      timeoutMs: 200,
      ttlMs: 10_000,
      resolve: () => Promise.resolve(CLUSTER_IP),
    });

    const answer = await ask(lookup);

    expect(answer.error).toBeNull();
    expect(answer.addresses).toEqual([{ address: '10.96.14.7', family: 4, ttl: 10_000 }]);
  });

  it('when DNS fails after a good answer, then the last good answer is served', async () => {
    const lookup = serveStaleLookup({
      timeoutMs: 200,
      ttlMs: 10_000,
      resolve: answersOnceThen(refused),
    });
    await ask(lookup);

    const answer = await ask(lookup);

    expect(answer.error).toBeNull();
    expect(answer.addresses).toEqual([{ address: '10.96.14.7', family: 4, ttl: 10_000 }]);
  });

  it('when DNS stops answering after a good answer, then the last good answer comes within the timeout', async () => {
    const lookup = serveStaleLookup({
      timeoutMs: 200,
      ttlMs: 10_000,
      resolve: answersOnceThen(never),
    });
    await ask(lookup);

    const answer = await ask(lookup);

    expect(answer.error).toBeNull();
    expect(answer.addresses).toHaveLength(1);
    expect(answer.ms).toBeLessThan(1_000);
  });

  it('when DNS has never answered and fails, then its error stands', async () => {
    const lookup = serveStaleLookup({ timeoutMs: 200, ttlMs: 10_000, resolve: refused });

    const answer = await ask(lookup);

    expect(answer.error?.code).toBe('ECONNREFUSED');
  });

  it('when DNS has never answered and does not answer now, then it fails with EAI_AGAIN within the timeout', async () => {
    const lookup = serveStaleLookup({ timeoutMs: 200, ttlMs: 10_000, resolve: never });

    const answer = await ask(lookup);

    expect(answer.error?.code).toBe('EAI_AGAIN');
    expect(answer.ms).toBeGreaterThanOrEqual(190);
    expect(answer.ms).toBeLessThan(1_000);
  });
});
