import { waitUntilReady } from '@podtalk/test-kit';
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

export interface Launched {
  name: string;
  pid: number;
  url: string;
  /** From start to the first /readyz 200. */
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
  const child = execa(process.execPath, [entry], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      ...env,
    },
    extendEnv: false,
    stdio: ['ignore', 'ignore', 'inherit'],
    reject: false,
  });
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitUntilReady(url, 30_000),
    child.then(({ exitCode }) => {
      throw new Error(`${name} exited ${exitCode} before it was ready`);
    }),
  ]);
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
    async stop() {
      child.kill('SIGTERM');
      await child;
    },
  };
}
