import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

export interface Launched {
  name: string;
  pid: number;
  url: string;
  /** From spawn to the first /readyz 200. */
  readyMs: number;
  /** The kernel's high-water mark of resident memory (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** Starts a compiled service (plain `node <entry>`, as in the image) and times it to ready. */
export async function launch(
  name: string,
  entry: string,
  env: Record<string, string>,
): Promise<Launched> {
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      PORT: '0',
      ADMIN_PORT: '0',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Logs are read and dropped, as a log collector would: writing them is part of the cost.
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"listening"')) return;
      const entryLine = JSON.parse(line) as { listener?: string; port?: number };
      if (entryLine.listener === 'http' && entryLine.port) resolve(entryLine.port);
    });
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (performance.now() - started > 30_000) throw new Error(`${name} not ready within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const readyMs = performance.now() - started;
  const pid = child.pid ?? -1;
  return {
    name,
    pid,
    url,
    readyMs,
    peakRssMb: () => {
      const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(kb ?? 0) / 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
