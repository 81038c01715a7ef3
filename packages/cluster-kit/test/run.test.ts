import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poll, run, runOrThrow } from '../src/index.js';

/** Whether a process still runs: a killed one may linger as a zombie until it is reaped. */
const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const gone = (pid: number) =>
  poll(() => Promise.resolve(running(pid) ? undefined : true), {
    what: `process ${pid} to end`,
    timeoutMs: 2_000,
    intervalMs: 50,
  });

describe('the process runner', () => {
  it('when a command is not installed, then it ends 127 instead of throwing', async () => {
    const result = await run(['podtalk-no-such-command']);

    expect(result.code).toBe(127);
  });

  it('when a command outlives its time, then it ends 124 at the bound', async () => {
    const started = Date.now();

    const result = await run(['sleep', '30'], { timeoutMs: 300 });

    expect(result.code).toBe(124);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('when a shell fails with a background job still running, then the job dies with it and the output closes', async () => {
    const started = Date.now();

    const result = await run(['bash', '-e', '-c', 'sleep 600 & echo "job $!"; false'], {
      ownGroup: true,
    });
    const job = Number(/job (\d+)/.exec(result.stdout)?.[1]);

    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    await gone(job);
  });

  it('when a shell outlives its time with a background job, then both are gone at the bound', async () => {
    const result = await run(['bash', '-c', 'sleep 600 & echo "job $!"; sleep 600'], {
      ownGroup: true,
      timeoutMs: 500,
    });
    const job = Number(/job (\d+)/.exec(result.stdout)?.[1]);

    expect(result.code).toBe(124);
    await gone(job);
  });

  it('when a command fails under runOrThrow, then the error names the command and what it said', async () => {
    const failing = runOrThrow(['sh', '-c', 'echo "no such pod" >&2; exit 3']);

    await expect(failing).rejects.toThrow(
      '`sh -c \'echo "no such pod" >&2; exit 3\'` exited 3:\nno such pod',
    );
  });

  it('when asked for all output, then it holds what went to stdout and to stderr', async () => {
    const result = await run(['sh', '-c', 'echo one; echo two >&2'], { all: true });

    expect(result.all.split('\n').sort()).toEqual(['', 'one', 'two']);
  });

  it('when cancelled by its signal, then it ends 130', async () => {
    const cancel = new AbortController();
    const running = run(['sleep', '30'], { signal: cancel.signal });

    cancel.abort();

    expect((await running).code).toBe(130);
  });
});
