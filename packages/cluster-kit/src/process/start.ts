import { execa } from 'execa';
import { createInterface } from 'node:readline';
import type { Command } from './command.js';

export interface StartOptions {
  cwd?: string;
  /** The whole environment, when given: nothing else is inherited. */
  env?: Record<string, string | undefined>;
  /**
   * Where its output goes: read line by line (pipe, the default), to the terminal (inherit), or
   * nowhere (ignore), for a process whose every line would cost the reader.
   */
  output?: 'pipe' | 'inherit' | 'ignore';
  /** It is stopped after this long, whatever it is doing. */
  timeoutMs?: number;
}

export interface Started {
  pid: number;
  /** Calls `listener` with each line it prints on stdout or stderr, from now on. */
  onLine(stream: 'stdout' | 'stderr', listener: (line: string) => void): void;
  /** Resolves with its exit code, once its output is read to the end; null after a signal. */
  exited: Promise<number | null>;
  /** Sends `signal` (unless it has already exited) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts a command that runs until stopped: a service, a port-forward, a test run. */
export function start(command: Command, options: StartOptions = {}): Started {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('an empty command cannot start');
  const output = options.output ?? 'pipe';
  const child = execa(file, args, {
    cwd: options.cwd,
    ...(options.env ? { env: options.env, extendEnv: false } : {}),
    stdin: 'ignore',
    stdout: output,
    stderr: output,
    buffer: false,
    reject: false,
    timeout: options.timeoutMs,
  });
  let exitCode: number | null | undefined;
  const exited = child.then((result) => (exitCode = result.exitCode ?? null));
  return {
    pid: child.pid ?? -1,
    onLine(stream, listener) {
      const from = stream === 'stdout' ? child.stdout : child.stderr;
      if (from) createInterface({ input: from }).on('line', listener);
    },
    exited,
    stop(signal = 'SIGTERM') {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}
