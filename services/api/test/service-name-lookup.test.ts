import type { Resolve } from '@podtalk/service-kit';
import { describe, expect, it } from 'vitest';
import { serveStaleLookup } from '../src/data-access/service-name-lookup.js';

const CLUSTER_IP = [{ address: '10.96.14.7', family: 4 }];
const refused: Resolve = () =>
  Promise.reject(Object.assign(new Error('queryA ECONNREFUSED'), { code: 'ECONNREFUSED' }));

/** Asks the lookup as undici's DNS interceptor does. */
function ask(lookup: ReturnType<typeof serveStaleLookup>) {
  return new Promise<{ error: NodeJS.ErrnoException | null; addresses: unknown[] }>((resolve) => {
    lookup(new URL('http://db-client.podtalk.svc.cluster.local:8080'), {}, (error, addresses) =>
      resolve({ error, addresses }),
    );
  });
}

// What the lookup serves, and when, is service-kit's serveStale (its own tests); these check
// that undici's DNS interceptor gets it in the shape it reads.
describe('the lookup undici’s DNS interceptor uses for db-client’s name', () => {
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

  it('when the interceptor asks again, then it gets new records, not the ones it stamped', async () => {
    const lookup = serveStaleLookup({
      timeoutMs: 200,
      ttlMs: 10_000,
      resolve: () => Promise.resolve(CLUSTER_IP),
    });
    const first = await ask(lookup);

    const second = await ask(lookup);

    expect(second.addresses).toEqual(first.addresses);
    expect(second.addresses[0]).not.toBe(first.addresses[0]);
  });

  it('when DNS has never answered, then the interceptor gets the error', async () => {
    const lookup = serveStaleLookup({ timeoutMs: 200, ttlMs: 10_000, resolve: refused });

    const answer = await ask(lookup);

    expect(answer.error?.code).toBe('ECONNREFUSED');
    expect(answer.addresses).toEqual([]);
  });
});
