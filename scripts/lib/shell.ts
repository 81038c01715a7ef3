import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommandError, formatCommand, run, type Command } from '@podtalk/cluster-kit';
import { REPO_ROOT } from './paths.js';

export interface RunOptions {
  /** Why, or when: shown beside the command in a dry run. */
  note?: string;
  /** Given on stdin; a dry run never shows it (the Secret's passwords go this way). */
  input?: string;
  /** Its output goes to the terminal instead of back to the step. */
  show?: boolean;
  /** Ends the command when aborted, as Ctrl-C would. */
  signal?: AbortSignal;
}

export interface Ended {
  code: number;
  stdout: string;
  stderr: string;
}

/** One thing a plan did, as data: what a dry run prints and a test asserts on. */
export type Action =
  | { kind: 'run'; command: Command; note?: string }
  | { kind: 'read'; command: Command }
  | { kind: 'ask'; what: string }
  | { kind: 'work'; what: string }
  | { kind: 'write'; path: string; note: string };

/**
 * Where a plan's steps go. A step changes the cluster or the machine with `run`, `work` or
 * `write`; it reads with `read`, `probe` or `ask`, whose answers it needs to go on. The real
 * shell does all of it. The dry-run shell still reads (reading changes nothing) and prints the
 * rest instead of doing it. The recording shell does none of it: it keeps the actions as data
 * and answers the reads from fixtures, for the plans' tests. A plan never asks which it has.
 */
export interface Shell {
  /** A command that changes something; resolves with what it printed, throws if it failed. */
  run(command: Command, options?: RunOptions): Promise<string>;
  /** A command that only reads; resolves with what it printed, throws if it failed. */
  read(command: Command, options?: { input?: string }): Promise<string>;
  /** A read that may fail, as a check: how it ended, within 10 s. */
  probe(command: Command, input?: string): Promise<Ended>;
  /** A read done here rather than by a command (an HTTP GET, say), named by `what`. */
  ask<T>(what: string, read: () => Promise<T>): Promise<T>;
  /** Work done here rather than by a command: a load, a wait on a condition, a file of results. */
  work(what: string, work: () => Promise<void>): Promise<void>;
  /** Writes a generated file under the repository's root. */
  write(path: string, content: string, note: string): void;
  /** A line for the person watching. */
  log(line: string): void;
  /** The title of the next step, for the person watching. */
  heading(title: string): void;
}

const PROBE_MS = 10_000;

async function readFor(command: Command, input?: string): Promise<string> {
  const result = await run(command, {
    cwd: REPO_ROOT,
    ...(input === undefined ? {} : { stdin: input }),
  });
  if (result.code !== 0) throw new CommandError(command, result);
  return result.stdout;
}

const probeFor = (command: Command, input?: string) =>
  run(command, {
    cwd: REPO_ROOT,
    timeoutMs: PROBE_MS,
    ...(input === undefined ? {} : { stdin: input }),
  });

function writeFile(path: string, content: string) {
  mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
  writeFileSync(join(REPO_ROOT, path), content);
}

export function realShell(say: (line: string) => void): Shell {
  return {
    async run(command, { input, show = false, signal } = {}) {
      const result = await run(command, {
        cwd: REPO_ROOT,
        show,
        ...(input === undefined ? {} : { stdin: input }),
        ...(signal ? { signal } : {}),
      });
      if (result.code !== 0) throw new CommandError(command, result);
      return result.stdout;
    },
    read: (command, { input } = {}) => readFor(command, input),
    probe: probeFor,
    ask: (_what, read) => read(),
    work: (_what, work) => work(),
    write: writeFile,
    log: (line) => say(line ? `  ${line}` : ''),
    heading: (title) => say(`\n▶ ${title}`),
  };
}

export function dryRunShell(say: (line: string) => void): Shell {
  const print = (command: Command, note?: string) =>
    say(`${formatCommand(command)}${note ? `   # ${note}` : ''}`);
  return {
    run(command, { note } = {}) {
      print(command, note);
      return Promise.resolve('');
    },
    async read(command, { input } = {}) {
      print(command);
      return readFor(command, input);
    },
    async probe(command, input) {
      print(command);
      return probeFor(command, input);
    },
    async ask(what, read) {
      say(`# asks ${what}`);
      return read();
    },
    work(what) {
      say(`# ${what}`);
      return Promise.resolve();
    },
    write: (path, _content, note) => say(`# writes ${path}: ${note}`),
    log: () => undefined,
    heading: (title) => say(`# ${title}`),
  };
}

/** A fixture: the answer to the first read whose command matches, as text or as how it ended. */
export type Fixture = [match: RegExp, answer: string | Ended];

/**
 * For the plans' tests: runs nothing, keeps every action, and answers each read from the first
 * fixture whose pattern matches the command as typed. A read with no fixture fails the test.
 */
export function recordingShell(fixtures: Fixture[] = []) {
  const actions: Action[] = [];
  const answer = (command: Command | string): Ended => {
    const typed = typeof command === 'string' ? command : formatCommand(command);
    const found = fixtures.find(([match]) => match.test(typed))?.[1];
    if (found === undefined) throw new Error(`no fixture answers: ${typed}`);
    return typeof found === 'string' ? { code: 0, stdout: found, stderr: '' } : found;
  };
  const shell: Shell = {
    run(command, { note } = {}) {
      actions.push({ kind: 'run', command, ...(note ? { note } : {}) });
      const ended = fixtures.some(([match]) => match.test(formatCommand(command)))
        ? answer(command)
        : { code: 0, stdout: '', stderr: '' };
      if (ended.code !== 0) return Promise.reject(new CommandError(command, { ...ended, all: '' }));
      return Promise.resolve(ended.stdout);
    },
    read(command) {
      actions.push({ kind: 'read', command });
      return Promise.resolve().then(() => {
        const ended = answer(command);
        if (ended.code !== 0) throw new CommandError(command, { ...ended, all: '' });
        return ended.stdout;
      });
    },
    probe(command) {
      actions.push({ kind: 'read', command });
      return Promise.resolve().then(() => answer(command));
    },
    ask<T>(what: string) {
      actions.push({ kind: 'ask', what });
      return Promise.resolve().then(() => JSON.parse(answer(what).stdout) as T);
    },
    work(what) {
      actions.push({ kind: 'work', what });
      return Promise.resolve();
    },
    write(path, _content, note) {
      actions.push({ kind: 'write', path, note });
    },
    log: () => undefined,
    heading: () => undefined,
  };
  return {
    shell,
    actions,
    /** The commands run and read, as typed, in order. */
    commands: () =>
      actions.flatMap((a) =>
        a.kind === 'run' || a.kind === 'read' ? [formatCommand(a.command)] : [],
      ),
  };
}
