import { describe, expect, it } from 'vitest';
import { serveStale, type Resolve } from '../src/dns/serve-stale.js';

const NAME = 'mysql.podtalk.svc.cluster.local';
const CLUSTER_IP = [{ address: '10.96.14.7', family: 4 }];
const NEW_CLUSTER_IP = [{ address: '10.96.200.3', family: 4 }];
const never = () => new Promise<never>(() => undefined);
const refused = () =>
  Promise.reject(Object.assign(new Error('queryA ECONNREFUSED'), { code: 'ECONNREFUSED' }));

/** A resolver that answers with the ClusterIP once, then behaves as `after`. */
function answersOnceThen(after: Resolve): Resolve {
  let calls = 0;
  return (hostname) => (calls++ === 0 ? Promise.resolve(CLUSTER_IP) : after(hostname));
}

/** Resolves the name and times the answer, or the error. */
async function timed(resolve: Resolve) {
  const started = performance.now();
  const answer = await resolve(NAME).then(
    (addresses) => ({ addresses, error: undefined }),
    (error: unknown) => ({ addresses: undefined, error: error as NodeJS.ErrnoException }),
  );
  return { ...answer, ms: performance.now() - started };
}

describe('serve-stale DNS for a Service name', () => {
  it('when DNS answers, then its answer is used, every time it changes', async () => {
    let answer = CLUSTER_IP;
    const resolve = serveStale({ timeoutMs: 200, resolve: () => Promise.resolve(answer) });

    expect(await resolve(NAME)).toEqual(CLUSTER_IP);
    answer = NEW_CLUSTER_IP;
    expect(await resolve(NAME)).toEqual(NEW_CLUSTER_IP);
  });

  it('when DNS fails after a good answer, then the last good answer is served', async () => {
    const resolve = serveStale({ timeoutMs: 200, resolve: answersOnceThen(refused) });
    await resolve(NAME);

    expect(await resolve(NAME)).toEqual(CLUSTER_IP);
  });

  it('when DNS stops answering after a good answer, then the last good answer comes within the timeout', async () => {
    const resolve = serveStale({ timeoutMs: 200, resolve: answersOnceThen(never) });
    await resolve(NAME);

    const answer = await timed(resolve);

    expect(answer.addresses).toEqual(CLUSTER_IP);
    expect(answer.ms).toBeLessThan(1_000);
  });

  it('when DNS has never answered and fails, then its error stands', async () => {
    const resolve = serveStale({ timeoutMs: 200, resolve: refused });

    const answer = await timed(resolve);

    expect(answer.error?.code).toBe('ECONNREFUSED');
  });

  it('when DNS has never answered and does not answer now, then it fails with EAI_AGAIN within the timeout', async () => {
    const resolve = serveStale({ timeoutMs: 200, resolve: never });

    const answer = await timed(resolve);

    expect(answer.error?.code).toBe('EAI_AGAIN');
    expect(answer.ms).toBeGreaterThanOrEqual(190);
    expect(answer.ms).toBeLessThan(1_000);
  });

  it('when one name has an answer, then another name gets none of it', async () => {
    const resolve = serveStale({ timeoutMs: 200, resolve: answersOnceThen(refused) });
    await resolve(NAME);

    await expect(resolve('db-client.podtalk.svc.cluster.local')).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
