import { spawn } from 'node:child_process';

/** One external command, as an argv array: never a shell string, so nothing is re-parsed. */
export type Command = readonly string[];

/** kubectl for the kind cluster `name`: every call names its context, never whatever is current. */
export const kubectlFor = (cluster: string): Command => ['kubectl', '--context', `kind-${cluster}`];

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

/** Runs a command; resolves with its exit code (127 when it is not installed) and output. */
export function run(command: Command, options: RunOptions = {}): Promise<RunResult> {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('an empty command cannot run');
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      stdio: [
        options.stdin === undefined ? 'ignore' : 'pipe',
        options.capture ? 'pipe' : 'inherit',
        options.capture ? 'pipe' : 'inherit',
      ],
      timeout: options.timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ code: error.code === 'ENOENT' ? 127 : 1, stdout, stderr: stderr || error.message });
    });
    child.on('close', (code, signal) =>
      resolve({ code: code ?? (signal ? 124 : 1), stdout, stderr }),
    );
    // A child that exits before reading all its input breaks the pipe (EPIPE); its exit code
    // says what happened. Any other failure to write is kept with what it printed.
    child.stdin?.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') stderr += `could not write its input: ${error.message}\n`;
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  });
}

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
