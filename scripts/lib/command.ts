import { execa } from 'execa';

/** One external command, as an argv array: never a shell string, so nothing is re-parsed. */
export type Command = readonly string[];

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  stdin?: string;
  /** Keep the output instead of streaming it to the terminal. */
  capture?: boolean;
  timeoutMs?: number;
  cwd?: string;
}

const SAFE = /^[\w@%+=:,./-]+$/;

/** The command as a person would type it, for --dry-run and for error messages. */
export function formatCommand(command: Command): string {
  return command.map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Runs a command with execa and resolves with its exit code and, when captured, what it printed;
 * never throws. 127: it is not installed; 124: its time ran out.
 */
export async function run(command: Command, options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('an empty command cannot run');
  const output = options.capture ? 'pipe' : 'inherit';
  const result = await execa(file, args, {
    cwd: options.cwd,
    ...(options.stdin === undefined ? { stdin: 'ignore' } : { input: options.stdin }),
    stdout: output,
    stderr: output,
    timeout: options.timeoutMs,
    reject: false,
    stripFinalNewline: false,
  });
  const code = result.code === 'ENOENT' ? 127 : result.timedOut ? 124 : (result.exitCode ?? 1);
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  return {
    code,
    stdout: typeof result.stdout === 'string' ? result.stdout : '',
    stderr: stderr || (code === 0 ? '' : (result.shortMessage ?? '')),
  };
}

/** A check rather than work: runs a command for at most 10 s and says how it ended. */
export type Probe = (command: Command, input?: string) => Promise<{ code: number; stdout: string }>;

export const probe: Probe = (command, input) =>
  run(command, { capture: true, timeoutMs: 10_000, stdin: input });

/** Runs a command and fails with its output when it does not exit 0. */
export async function runOrThrow(command: Command, options: RunOptions = {}): Promise<RunResult> {
  const result = await run(command, options);
  if (result.code !== 0) {
    throw new CommandError(command, result);
  }
  return result;
}

export class CommandError extends Error {
  constructor(
    readonly command: Command,
    readonly result: RunResult,
  ) {
    super(
      `\`${formatCommand(command)}\` exited ${result.code}${result.stderr ? `:\n${result.stderr.trim()}` : ''}`,
    );
    this.name = 'CommandError';
  }
}
