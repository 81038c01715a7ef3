import { execa, execaSync, type ResultPromise } from 'execa';
import { formatCommand, type Command } from './command.js';

export interface RunResult {
  /** The exit code; 127: not installed; 124: its time ran out; 130: cancelled by `signal`. */
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr as they interleaved, when `all` was asked for. */
  all: string;
}

export interface RunOptions {
  /** Given on stdin; otherwise stdin is closed. */
  stdin?: string;
  /** Let the output through to the terminal instead of keeping it. */
  show?: boolean;
  /** Keep stdout and stderr interleaved too, as a person at a terminal sees them (`all`). */
  all?: boolean;
  timeoutMs?: number;
  cwd?: string;
  /** The whole environment, when given: nothing else is inherited. */
  env?: Record<string, string | undefined>;
  /** Ends the command when aborted, as Ctrl-C would. */
  signal?: AbortSignal;
  /**
   * Runs it in a process group of its own, and kills what is left of the group once it exits:
   * a shell's background job never outlives it, nor holds its output open.
   */
  ownGroup?: boolean;
}

/** What execa needs for a run, in both its forms. */
function common(options: RunOptions) {
  const output = options.show ? 'inherit' : 'pipe';
  return {
    cwd: options.cwd,
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
    ...(options.stdin === undefined ? { stdin: 'ignore' as const } : { input: options.stdin }),
    stdout: output,
    stderr: output,
    all: options.all ?? false,
    timeout: options.timeoutMs,
    reject: false,
    stripFinalNewline: false,
  } as const;
}

/** Kills the rest of a process group once its leader has exited. */
function reapGroup(child: ResultPromise) {
  child.once('exit', () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Nobody was left in the group.
    }
  });
}

interface Ended {
  code?: string | undefined;
  exitCode?: number | undefined;
  timedOut?: boolean;
  isCanceled?: boolean;
  stdout?: unknown;
  stderr?: unknown;
  all?: unknown;
  shortMessage?: string;
}

function resultOf(ended: Ended): RunResult {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const code =
    ended.code === 'ENOENT'
      ? 127
      : ended.timedOut
        ? 124
        : ended.isCanceled
          ? 130
          : (ended.exitCode ?? 1);
  const stderr = text(ended.stderr);
  return {
    code,
    stdout: text(ended.stdout),
    stderr: stderr || (code === 0 ? '' : (ended.shortMessage ?? '')),
    all: text(ended.all),
  };
}

/**
 * The one process runner: runs a command with execa and resolves with how it ended and what it
 * printed. It never throws and never hangs past `timeoutMs`.
 */
export async function run(command: Command, runOptions: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('an empty command cannot run');
  const child = execa(file, args, {
    ...common(runOptions),
    cancelSignal: runOptions.signal,
    detached: runOptions.ownGroup ?? false,
  });
  if (runOptions.ownGroup) reapGroup(child);
  return resultOf(await child);
}

/** The same, for the few callers that must have the answer before anything else runs. */
export function runSync(
  command: Command,
  runOptions: Omit<RunOptions, 'signal' | 'ownGroup'> = {},
): RunResult {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('an empty command cannot run');
  return resultOf(execaSync(file, args, common(runOptions)));
}

export class CommandError extends Error {
  constructor(
    readonly command: Command,
    readonly result: RunResult,
  ) {
    const said = result.stderr.trim() || result.stdout.trim();
    super(`\`${formatCommand(command)}\` exited ${result.code}${said ? `:\n${said}` : ''}`);
    this.name = 'CommandError';
  }
}

/** Runs a command and fails with its output when it does not exit 0. */
export async function runOrThrow(
  command: Command,
  runOptions: RunOptions = {},
): Promise<RunResult> {
  const result = await run(command, runOptions);
  if (result.code !== 0) throw new CommandError(command, result);
  return result;
}
