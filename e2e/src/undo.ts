import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { runOrThrow, type Command } from '@podtalk/cluster-kit';

/**
 * A change the suite made to the cluster, and how to take it back from outside the test
 * process: a command, or the settle the global teardown does (its context, and whether to
 * spread the pods over the workers again).
 */
export type Way = { command: Command } | { settle: { context: string; respread: boolean } };
export type Undo = { id: string; what: string } & Way;
type Entry = Undo | { id: string; done: true };

// run.ts names the journal, a file that outlives the test processes. Without it (vitest run by
// hand), a change is still undone in its scenario; only Ctrl-C's leftovers have no one to undo them.
const journal = () => process.env.E2E_UNDO_JOURNAL;
const append = (entry: Entry) => {
  const path = journal();
  if (path) appendFileSync(path, `${JSON.stringify(entry)}\n`);
};

/** Runs an undo command, bounded: a namespace's deletion may take up to its own 120 s. */
export const runUndo = (command: Command) => runOrThrow(command, { timeoutMs: 150_000 });

export interface Noted {
  /** Runs the undo command once, then strikes it from the journal. */
  undo: () => Promise<void>;
  /** Strikes it from the journal: the scenario put the cluster back another way. */
  forget: () => void;
}

/**
 * Notes a change and its undo before the change is made. Ctrl-C stops vitest at once, with no
 * `finally` and no `afterAll`, so a scenario cannot be trusted to take back a drain or a frozen
 * node itself: run.ts undoes whatever the journal still holds once vitest has gone.
 */
export function noteChange(what: string, undo: Way): Noted {
  const id = randomUUID();
  append({ id, what, ...undo });
  let done = false;
  const forget = () => {
    if (!done) append({ id, done: true });
    done = true;
  };
  return {
    undo: async () => {
      if (done) return;
      if ('command' in undo) await runUndo(undo.command);
      forget();
    },
    forget,
  };
}

/** What the journal still holds, newest first: the order to take the changes back in. */
export function pendingUndos(path: string): Undo[] {
  if (!existsSync(path)) return [];
  const entries = readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Entry);
  const done = new Set(entries.flatMap((e) => ('done' in e ? [e.id] : [])));
  return entries.flatMap((e) => ('done' in e || done.has(e.id) ? [] : [e])).reverse();
}
