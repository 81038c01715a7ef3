import type { Resolve } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { lookupWith } from '../src/index.js';

const TWO_ADDRESSES: Resolve = () =>
  Promise.resolve([
    { address: '10.96.0.20', family: 4 },
    { address: 'fd00::20', family: 6 },
  ]);

/** Asks the lookup as net.connect does, with or without `all`. */
function ask(resolve: Resolve, all: boolean) {
  return new Promise<{ error: NodeJS.ErrnoException | null; answer: unknown[] }>((done) => {
    lookupWith(resolve)('mysql.podtalk.svc.cluster.local', { all }, (error, address, family) =>
      done({ error, answer: [address, family] }),
    );
  });
}

describe('a socket lookup answered by a resolver', () => {
  it('when net asks for every address, then it gets them all', async () => {
    const { error, answer } = await ask(TWO_ADDRESSES, true);

    expect(error).toBeNull();
    expect(answer[0]).toEqual([
      { address: '10.96.0.20', family: 4 },
      { address: 'fd00::20', family: 6 },
    ]);
  });

  it('when net asks for one address, then it gets the first with its family', async () => {
    const { error, answer } = await ask(TWO_ADDRESSES, false);

    expect(error).toBeNull();
    expect(answer).toEqual(['10.96.0.20', 4]);
  });

  it('when the name cannot be resolved, then net gets the resolver’s error', async () => {
    const refused: Resolve = () =>
      Promise.reject(Object.assign(new Error('queryA ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    const { error } = await ask(refused, false);

    expect(error?.code).toBe('ECONNREFUSED');
  });
});
