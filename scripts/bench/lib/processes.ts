import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

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

/** A port that was free a moment ago: good enough on a quiet machine. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts a compiled service (`node <entry>`, as in the image) and times it to ready. */
export async function launch(
  name: string,
  entry: string,
  env: Record<string, string>,
): Promise<Launched> {
  const [port, adminPort] = [await freePort(), await freePort()];
  const started = performance.now();
  // Logs go to /dev/null: the service still pays for writing them, and the load
  // generator in this process does not pay for reading them.
  const child = spawn(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const ok = await fetch(`${url}/readyz`).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (child.exitCode !== null) throw new Error(`${name} exited before it was ready`);
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
