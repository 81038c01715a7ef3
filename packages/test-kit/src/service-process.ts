import { run, start } from '@podtalk/cluster-kit';
import { setTimeout as sleep } from 'node:timers/promises';

// Run TypeScript sources directly, with workspace packages resolved to their sources too, and
// with the telemetry preload as the image runs it: OpenTelemetry's ESM hook, then the SDK.
const SOURCE_FLAGS = [
  '--conditions=@podtalk/source',
  '--import',
  'tsx',
  '--disable-warning=ExperimentalWarning',
  '--experimental-loader=@opentelemetry/instrumentation/hook.mjs',
  '--import',
  './src/telemetry.ts',
];

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
  const child = start([process.execPath, ...SOURCE_FLAGS, 'src/main.ts'], {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', ADMIN_PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  const logs: Record<string, unknown>[] = [];
  const ports: Record<string, number> = {};
  const stderr: string[] = [];
  // The runner settles once stdout is read to the end, so `logs` holds every line by then.
  const { exited } = child;

  // Listening is an event: the service logs one line per listener once it is bound.
  let late: NodeJS.Timeout | undefined;
  const listening = new Promise<void>((resolve, reject) => {
    late = setTimeout(() => {
      reject(new Error(`${cwd} did not listen on ${listeners.join(', ')} within ${timeoutMs} ms`));
    }, timeoutMs);
    child.onLine('stdout', (line) => {
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
  child.onLine('stderr', (line) => stderr.push(line));

  try {
    await listening;
  } catch (error) {
    await child.stop('SIGKILL');
    throw error;
  } finally {
    clearTimeout(late);
  }

  return {
    pid: child.pid,
    ports,
    url: `http://127.0.0.1:${ports.http}`,
    logs,
    exited,
    stop: (signal = 'SIGTERM') => child.stop(signal),
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
  const result = await run([process.execPath, ...SOURCE_FLAGS, script], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
  });
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
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
