import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { poll, run } from '@podtalk/cluster-kit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const STEP = fileURLToPath(new URL('../docs/walkthrough-step.ts', import.meta.url));

/** Whether a process still runs: a killed one may linger as a zombie until it is reaped. */
const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

// The step keeps the README's alias and its masks in the temporary folder; each test has its own.
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'walkthrough-'));
  writeFileSync(join(folder, 'podtalk-walkthrough-aliases.sh'), "alias k='echo k'\n");
  writeFileSync(join(folder, 'podtalk-walkthrough-masks.json'), '{}');
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const step = (block: string) =>
  run([process.execPath, '--import', 'tsx', STEP], {
    stdin: block,
    env: { ...process.env, TMPDIR: folder },
  });

describe('a walkthrough step', () => {
  it('when its block fails with a port-forward-like job in the background, then the step fails at once and the job is gone', async () => {
    const started = Date.now();

    const result = await step('sleep 600 >/dev/null & echo "job $!"\nfalse\necho never\n');
    const job = Number(/job (\d+)/.exec(result.stdout)?.[1]);

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('never');
    expect(Date.now() - started).toBeLessThan(20_000);
    await poll(() => Promise.resolve(running(job) ? undefined : true), {
      what: `the background job ${job} to end`,
      timeoutMs: 2_000,
      intervalMs: 50,
    });
  });

  it('when its block runs, then it sees the README’s alias and prints stderr in order with stdout', async () => {
    const result = await step('k get pods\necho oops >&2\necho done\n');

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('k get pods\noops\ndone\n');
  });
});
