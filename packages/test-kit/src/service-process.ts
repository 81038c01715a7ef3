import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { waitFor } from './wait-for.js';

export interface ServiceProcess {
  pid: number;
  /** Ports by listener name, read from the service's own "listening" log lines. */
  ports: Record<string, number>;
  url: string;
  /** Every JSON log line the process wrote so far. */
  logs: Record<string, unknown>[];
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartServiceOptions {
  /** The service's folder; its src/main.ts runs from source through tsx. */
  cwd: string;
  env: Record<string, string>;
  /** Listener names to wait for; 'http' always. */
  listeners?: string[];
  timeoutMs?: number;
}

/** Starts a real service process on free ports and waits until it listens. */
export async function startService({
  cwd,
  env,
  listeners = ['http'],
  timeoutMs = 15_000,
}: StartServiceOptions): Promise<ServiceProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@podtalk/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd,
      env: { PATH: process.env.PATH, PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const logs: Record<string, unknown>[] = [];
  const ports: Record<string, number> = {};
  const stderr: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'listening') ports[String(entry.listener)] = Number(entry.port);
    } catch {
      stderr.push(line);
    }
  });
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  try {
    await waitFor(
      () => {
        if (exitCode !== undefined)
          throw new Error(`exited with ${exitCode}: ${stderr.join('\n')}`);
        return listeners.every((name) => name in ports);
      },
      { timeoutMs, description: `${cwd} to listen on ${listeners.join(', ')}` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }

  return {
    pid: child.pid ?? -1,
    ports,
    url: `http://127.0.0.1:${ports.http}`,
    logs,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (exitCode === undefined) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a service's main until it exits, for startup failures; returns its code and output. */
export async function runServiceToExit(
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=@podtalk/source', '--import', 'tsx', 'src/main.ts'],
    {
      cwd,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stderr };
}
