import { afterEach, describe, expect, it } from 'vitest';
import { kubectl } from '../src/kubectl.js';
import { useFakeKubectl } from './fake-kubectl.js';

afterEach(() => {
  delete process.env.KUBECTL;
});

describe('kubectl', () => {
  it('when it exits without reading the input it was given, then its exit code and message are reported', async () => {
    useFakeKubectl(`echo 'error: unknown flag' >&2; exit 2`);
    // More than a pipe buffer holds, so the write is still pending when kubectl is gone.
    const input = 'x'.repeat(1024 * 1024);

    const result = await kubectl(['apply', '--filename', '-'], { input });

    expect(result).toMatchObject({ code: 2, stderr: 'error: unknown flag\n' });
  });
});
