import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { INodeList } from 'kubernetes-models/v1/NodeList';
import { expect, vi } from 'vitest';
import type { Kube } from '@podtalk/cluster-kit';
import { docker } from './docker.js';
import { noteChange } from './undo.js';

const CONNECT_PROBE = readFileSync(new URL('../probes/connect.sh', import.meta.url), 'utf8');
const RESOLVE_ONCE_PROBE = readFileSync(
  new URL('../probes/resolve-once.ts', import.meta.url),
  'utf8',
);
const PROBE_POD = fileURLToPath(new URL('../manifests/network-probe.yaml', import.meta.url));

/** Whether one TCP connection opened: see probes/connect.sh. */
export type Connection = 'open' | 'blocked';

/** One TCP connection from inside `pod` to host:port, with probes/connect.sh. */
export async function connectFrom(
  kube: Kube,
  { pod, host, port }: { pod: string; host: string; port: number },
): Promise<Connection> {
  const out = await kube.run(['exec', '--stdin', pod, '--', 'bash', '-s', host, String(port)], {
    input: CONNECT_PROBE,
  });
  return out.trim() as Connection;
}

/**
 * Connections from inside a pod whose image has no shell (Jaeger's): an ephemeral container of
 * the api's image joins the pod's network namespace, so the pod's NetworkPolicies govern it,
 * asks each target with probes/connect.sh, and ends. Its answer is its log. An ephemeral
 * container stays in the pod's spec until the pod goes; it meets the restricted profile.
 */
export async function connectFromShellless(
  kube: Kube,
  { pod, targets }: { pod: string; targets: Record<string, { host: string; port: number }> },
): Promise<Record<string, Connection>> {
  const api = await kube.json<IDeployment>(['get', 'deployment', 'api']);
  const image = api.spec?.template.spec?.containers[0]?.image ?? 'podtalk/api';
  const container = `probe-${randomBytes(3).toString('hex')}`;
  // probes/connect.sh as a shell function, asked once for each target.
  const script = [
    `probe() {\n${CONNECT_PROBE}\n}`,
    ...Object.entries(targets).map(
      ([name, { host, port }]) => `echo "${name} $(probe ${host} ${port})"`,
    ),
  ].join('\n');
  await kube.run([
    'debug',
    pod,
    '--image',
    image,
    '--profile=restricted',
    '--container',
    container,
    '--',
    'bash',
    '-c',
    script,
  ]);
  await vi.waitFor(
    async () => {
      const done = await kube.run([
        'get',
        'pod',
        pod,
        '--output',
        `jsonpath={.status.ephemeralContainerStatuses[?(@.name=="${container}")].state.terminated.exitCode}`,
      ]);
      expect(done, `${container} in ${pod} ended`).not.toBe('');
    },
    { timeout: 60_000, interval: 500 },
  );
  const lines = (await kube.run(['logs', pod, '--container', container])).trim().split('\n');
  return Object.fromEntries(lines.map((line) => line.split(' ') as [string, Connection]));
}

/**
 * One DNS question for `name` from inside `pod`, straight to its nameserver, with probes/
 * resolve-once.ts: "resolved", or the error code within about 2 s (ETIMEOUT when nobody answers).
 */
export async function askDnsOnce(kube: Kube, { pod, name }: { pod: string; name: string }) {
  const out = await kube.run(
    ['exec', '--stdin', pod, '--', 'node', '--input-type=module-typescript', '-', name],
    { input: RESOLVE_ONCE_PROBE },
  );
  return out.trim();
}

/** The addresses `name` resolves to inside `pod`, through the pod's own resolver and DNS. */
export async function resolveIn(kube: Kube, { pod, name }: { pod: string; name: string }) {
  const out = await kube.run(['exec', pod, '--', 'getent', 'hosts', name]);
  return out
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+/)[0]);
}

/**
 * A namespace of its own, which no NetworkPolicy governs, holding network-probe: what any pod
 * of the cluster could reach, were podtalk's policies not there.
 */
export async function startProbeNamespace(kube: Kube) {
  const namespace = `podtalk-e2e-${randomBytes(3).toString('hex')}`;
  const inNamespace = kube.inNamespace(namespace);
  // Gone, not going, when undone: a drain that comes next refuses a pod no controller owns.
  const created = noteChange(`namespace ${namespace} created`, {
    command: kube.command(['delete', 'namespace', namespace, '--wait=true', '--timeout=120s']),
  });
  await kube.run(['create', 'namespace', namespace]);
  await inNamespace.run(['apply', '--filename', PROBE_POD]);
  await inNamespace.run(['wait', '--for=condition=Ready', 'pod/network-probe', '--timeout=120s'], {
    timeoutMs: 130_000,
  });
  return {
    kube: inNamespace,
    pod: 'network-probe',
    stop: created.undo,
  };
}

/**
 * A server outside the cluster, as an external service would be: a container on the kind
 * nodes' own Docker network, running the api image (it listens on 8080 and needs nothing else).
 */
export async function startOutsideServer(kube: Kube) {
  const cluster = kube.context.replace(/^kind-/, '');
  const networks = await docker([
    'inspect',
    `${cluster}-control-plane`,
    '--format',
    '{{range $name, $_ := .NetworkSettings.Networks}}{{$name}} {{end}}',
  ]);
  const network = networks.trim().split(' ')[0]!;
  const api = await kube.json<IDeployment>(['get', 'deployment', 'api']);
  const image = api.spec?.template.spec?.containers[0]?.image ?? 'podtalk/api';
  const name = `${cluster}-e2e-outside-${randomBytes(3).toString('hex')}`;
  const started = noteChange(`container ${name} started`, {
    command: ['docker', 'rm', '--force', name],
  });
  await docker([
    'run',
    '--detach',
    '--rm',
    '--name',
    name,
    '--network',
    network,
    '--env',
    'DB_CLIENT_URL=http://127.0.0.1:9',
    image,
  ]);
  const host = await docker([
    'inspect',
    name,
    '--format',
    `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`,
  ]);
  return { host: host.trim(), port: 8080, stop: started.undo };
}

/** Whether `pod` can open a connection to host:port within `timeoutMs`, trying each second. */
export async function becomesOpen(
  kube: Kube,
  target: { pod: string; host: string; port: number },
  timeoutMs = 20_000,
): Promise<boolean> {
  try {
    await vi.waitFor(async () => expect(await connectFrom(kube, target)).toBe('open'), {
      timeout: timeoutMs,
      interval: 1_000,
    });
    return true;
  } catch {
    return false;
  }
}

/** A worker node's own address and its kubelet's port: a host outside the pod network. */
export async function kubeletAddress(kube: Kube) {
  const nodes = await kube.json<INodeList>(['get', 'nodes']);
  const worker = nodes.items.find(
    (node) => !('node-role.kubernetes.io/control-plane' in (node.metadata?.labels ?? {})),
  );
  const host = worker?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
  if (!host) throw new Error('no worker node with an InternalIP');
  return { host, port: worker.status?.daemonEndpoints?.kubeletEndpoint?.Port ?? 10250 };
}
