import { describe, expect, it } from 'vitest';
import { run } from '../lib/command.js';

describe('running a command', () => {
  it('when it exits without reading the input it was given, then its exit code is reported', async () => {
    // More than a pipe buffer holds, so the write is still pending when the child is gone.
    const input = 'x'.repeat(1024 * 1024);

    const result = await run(['sh', '-c', 'exit 3'], { stdin: input, capture: true });

    expect(result.code).toBe(3);
  });
});
