import { execa } from 'execa';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

// Run TypeScript sources directly, with workspace packages resolved to their sources too.
const SOURCE_FLAGS = ['--conditions=@podtalk/source', '--import', 'tsx'];

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
  const child = execa(process.execPath, [...SOURCE_FLAGS, 'src/main.ts'], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'info', ...env },
    extendEnv: false,
    stdin: 'ignore',
    buffer: false,
    reject: false,
  });
  const logs: Record<string, unknown>[] = [];
  const ports: Record<string, number> = {};
  const stderr: string[] = [];
  // execa settles once stdout is drained, so `logs` holds every line by then.
  const exited = child.then(({ exitCode }) => exitCode ?? null);
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));

  // Listening is an event: the service logs one line per listener once it is bound.
  let late: NodeJS.Timeout | undefined;
  const listening = new Promise<void>((resolve, reject) => {
    late = setTimeout(() => {
      reject(new Error(`${cwd} did not listen on ${listeners.join(', ')} within ${timeoutMs} ms`));
    }, timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'listening') ports[String(entry.listener)] = Number(entry.port);
      } catch {
        stderr.push(line);
      }
      if (listeners.every((name) => name in ports)) resolve();
    });
    void exited.then((code) => {
      reject(new Error(`${cwd} exited with ${code} before listening:\n${stderr.join('\n')}`));
    });
  });
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));

  try {
    await listening;
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(late);
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

/** Runs a script of a service from source until it exits, for startup failures and one-shot commands. */
export async function runToExit({
  cwd,
  env,
  script = 'src/main.ts',
}: {
  cwd: string;
  env: Record<string, string>;
  script?: string;
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const result = await execa(process.execPath, [...SOURCE_FLAGS, script], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    stripFinalNewline: false,
  });
  return { code: result.exitCode ?? null, stdout: result.stdout, stderr: result.stderr };
}

/** Resolves once the service's /readyz answers 200; a readiness gate for tests and the bench. */
export async function waitUntilReady(url: string, timeoutMs = 15_000): Promise<void> {
  const deadline = AbortSignal.timeout(timeoutMs);
  while (!deadline.aborted) {
    // Refused while the process still starts: ask again.
    const res = await fetch(`${url}/readyz`, { signal: deadline }).catch(() => undefined);
    await res?.body?.cancel();
    if (res?.status === 200) return;
    await sleep(50);
  }
  throw new Error(`${url}/readyz did not answer 200 within ${timeoutMs} ms`);
}
