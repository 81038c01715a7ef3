import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CommandError, formatCommand, probe, run, type Command, type Probe } from './command.js';
import { REPO_ROOT } from './paths.js';

export interface CommandOptions {
  /** Why, or when: shown beside the command in a dry run. */
  note?: string;
  /** Given on stdin; a dry run never shows it (the Secret's passwords go this way). */
  input?: string;
  /** Its output goes to the terminal instead of back to the step. */
  show?: boolean;
}

/**
 * Where a deploy's commands go. The real shell runs them; the dry-run shell prints each one as a
 * step calls it, and answers as a cluster that does not exist yet would: with nothing. A dry run
 * is therefore the very steps, run against a printer, and cannot drift from them.
 */
export interface Shell {
  readonly dryRun: boolean;
  /** Runs `command` from the repository's root; resolves with what it printed, throws if it failed. */
  run(command: Command, options?: CommandOptions): Promise<string>;
  /** Runs `command` and resolves with how it ended, even if it failed: the preflight's probes. */
  probe: Probe;
  /** Writes a generated file under the repository's root. */
  write(path: string, content: string, note: string): void;
  /** A line for the person watching. */
  log(line: string): void;
}

export function realShell(say: (line: string) => void): Shell {
  return {
    dryRun: false,
    async run(command, { input, show = false } = {}) {
      const result = await run(command, { cwd: REPO_ROOT, stdin: input, capture: !show });
      if (result.code !== 0) throw new CommandError(command, result);
      return result.stdout;
    },
    probe,
    write(path, content) {
      mkdirSync(dirname(join(REPO_ROOT, path)), { recursive: true });
      writeFileSync(join(REPO_ROOT, path), content);
    },
    log: (line) => say(`  ${line}`),
  };
}

export function dryRunShell(say: (line: string) => void): Shell {
  const print = (command: Command, note?: string) =>
    say(`${formatCommand(command)}${note ? `   # ${note}` : ''}`);
  return {
    dryRun: true,
    run(command, { note } = {}) {
      print(command, note);
      return Promise.resolve('');
    },
    probe(command) {
      print(command);
      return Promise.resolve({ code: 0, stdout: '' });
    },
    write: (path, _content, note) => say(`# writes ${path}: ${note}`),
    log: () => undefined,
  };
}
