import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { start, type Started } from '@podtalk/cluster-kit';
import { waitUntilReady } from '@podtalk/test-kit';
import { containerOf } from '../../images/pod-container.js';
import { findWorkload, parseYamlDocuments, readRepoFile } from '../../kube/manifests.js';
import { REPO_ROOT } from '../../lib/paths.js';

export interface Launched {
  name: string;
  url: string;
  process: Started;
  /** From start to the first /readyz 200. */
  readyMs: number;
}

/** A port that was free a moment ago: good enough on a quiet machine. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The NODE_OPTIONS a service's Deployment sets, so it runs here as in the cluster. */
function nodeOptions(service: string): string {
  const deployment = findWorkload(
    parseYamlDocuments(readRepoFile(`k8s/base/${service}/deployment.yaml`)),
    service,
  );
  return containerOf(deployment).env?.find((v) => v.name === 'NODE_OPTIONS')?.value ?? '';
}

/**
 * How the image starts a service, read from its ENTRYPOINT: OpenTelemetry's loader hook, its
 * preload, then main. The preload starts tracing only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 */
function imageEntrypoint(): string[] {
  const line = readRepoFile('services/Dockerfile')
    .split('\n')
    .find((l) => l.startsWith('ENTRYPOINT '));
  if (!line) throw new Error('services/Dockerfile has no ENTRYPOINT');
  return JSON.parse(line.slice('ENTRYPOINT '.length)) as string[];
}

/**
 * Starts a compiled service as its image does, or the baseline, and times it to ready. Its logs
 * go nowhere: the service still pays for writing them, and the load generator in this process
 * does not pay for reading them. `name` tells two runs of one service apart in the results.
 */
export async function launch(
  service: 'baseline' | 'api' | 'db-client',
  env: Record<string, string>,
  name: string = service,
): Promise<Launched> {
  const [port, adminPort] = [await freePort(), await freePort()];
  const started = performance.now();
  const baseline = service === 'baseline';
  const args = baseline
    ? [`${REPO_ROOT}scripts/bench/baseline-server.mjs`]
    : imageEntrypoint().slice(1);
  const child = start([process.execPath, ...args], {
    cwd: baseline ? REPO_ROOT : `${REPO_ROOT}services/${service}`,
    output: 'ignore',
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      ADMIN_PORT: String(adminPort),
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      NODE_OPTIONS: baseline ? '' : nodeOptions(service),
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([
    waitUntilReady(url, 30_000),
    child.exited.then((code) =>
      Promise.reject(new Error(`${name} exited ${code} before it was ready`)),
    ),
  ]);
  return { name, url, process: child, readyMs: performance.now() - started };
}

/** The kernel's high-water mark of a process's resident memory (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb ?? 0) / 1024;
}
