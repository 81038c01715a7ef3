import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeBack } from '../src/take-back.js';
import { noteChange, pendingUndos } from '../src/undo.js';

let dir: string;
let journal: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'undo-test-'));
  journal = join(dir, 'undo.jsonl');
  process.env.E2E_UNDO_JOURNAL = journal;
});
afterEach(() => {
  delete process.env.E2E_UNDO_JOURNAL;
  rmSync(dir, { recursive: true, force: true });
});

/** A real command whose every run leaves a line in a file: proof of how often it ran. */
const recordRun = (name: string) => ['sh', '-c', `echo ${name} >> "${dir}/ran"`];
const runs = () => readFileSync(join(dir, 'ran'), 'utf8').trim().split('\n');

describe('the journal of changes to the cluster', () => {
  it('when three changes are noted and the middle one is undone, then the other two are left, newest first', async () => {
    noteChange('first', { command: recordRun('first') });
    const second = noteChange('second', { command: recordRun('second') });
    noteChange('third', { command: recordRun('third') });

    await second.undo();

    expect(pendingUndos(journal).map((u) => u.what)).toEqual(['third', 'first']);
    expect(runs()).toEqual(['second']);
  });

  it('when a change is undone twice, or undone after it was forgotten, then its command runs once at most', async () => {
    const twice = noteChange('twice', { command: recordRun('twice') });
    const forgotten = noteChange('forgotten', { command: recordRun('forgotten') });

    await twice.undo();
    await twice.undo();
    forgotten.forget();
    await forgotten.undo();

    expect(runs()).toEqual(['twice']);
    expect(pendingUndos(journal)).toEqual([]);
  });

  it('when the runner takes back what is left, then it runs each command newest first and says it is done', async () => {
    noteChange('older', { command: recordRun('older') });
    noteChange('newer', { command: recordRun('newer') });
    const said: string[] = [];

    const ok = await takeBack(pendingUndos(journal), (line) => said.push(line));

    expect(ok).toBe(true);
    expect(runs()).toEqual(['newer', 'older']);
    expect(said.at(-1)).toMatch(/✓ took back 2 changes/);
  });

  it('when an undo fails, then the runner goes on with the rest and names the command to run by hand', async () => {
    noteChange('kept', { command: recordRun('kept') });
    noteChange('stuck', { command: ['sh', '-c', 'echo "no such node" >&2; exit 1'] });
    const said: string[] = [];

    const ok = await takeBack(pendingUndos(journal), (line) => said.push(line));

    expect(ok).toBe(false);
    expect(runs()).toEqual(['kept']);
    expect(said.join('\n')).toMatch(/could not: .*no such node[\s\S]*by hand: sh -c/);
    expect(said.at(-1)).toMatch(/1 of 2 changes are still in the cluster/);
  });
});
