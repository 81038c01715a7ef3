import { readdirSync, readFileSync } from 'node:fs';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import type { Command } from '../../lib/command.js';
import type { Shell } from '../../lib/shell.js';
import { SERVING_LABEL } from './bench-overlay.js';
import { parseCpuAccount, READ_CPU_ACCOUNT, type CpuAccount } from './cgroup-cpu.js';
import { parseKernelTimes, TICKS_PER_SECOND, type KernelTimes } from './kernel-cpu.js';

export const COMPONENTS = ['api', 'db-client', 'mysql'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Everything the bench reads around a measured window, each in its own cumulative counter. */
export interface Reading {
  /** Every running podtalk pod's container, from its own cgroup. */
  pods: Record<string, { component: Component; node: string; account: CpuAccount }>;
  /** Every kind node, from its container's cgroup: what the whole node used. */
  nodes: Record<string, CpuAccount>;
  /** The kernel's account of the machine's cores; read inside a node, so Docker Desktop's VM. */
  kernel: KernelTimes | undefined;
  /** Connection-tracking entries in each node's network namespace, and the table's size. */
  conntrack: Record<string, { entries: number; max: number }>;
  /** This process's CPU: the load generator (and the bench's own reads), in µs. */
  generatorUs: number;
  /** docker-proxy's CPU in µs, where it runs on this machine (Linux with Docker Engine). */
  dockerProxyUs: number | undefined;
}

// One exec per node: its cgroup, the kernel's cores, and its connection-tracking table.
const READ_NODE = [
  READ_CPU_ACCOUNT,
  'echo ---',
  "grep '^cpu' /proc/stat",
  'echo ---',
  'cat /proc/sys/net/netfilter/nf_conntrack_count /proc/sys/net/netfilter/nf_conntrack_max 2>/dev/null || true',
].join('\n');

/** docker-proxy's user + system time from /proc; undefined where there is no such process here. */
function dockerProxyUs(): number | undefined {
  let total: number | undefined;
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== 'docker-proxy') continue;
        // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        total = (total ?? 0) + ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1e6;
      } catch {
        // It exited between the listing and the read.
      }
    }
  } catch {
    return undefined;
  }
  return total;
}

export interface ReadingSources {
  shell: Shell;
  /** kubectl with the cluster's context and namespace. */
  kubectl: Command;
  nodes: string[];
  /** Whether the load goes through docker-proxy: a target on localhost. */
  viaDockerProxy: boolean;
}

/** Reads every counter at once: the pods' and nodes' in parallel, then this process's. */
export async function takeReading({
  shell,
  kubectl,
  nodes,
  viaDockerProxy,
}: ReadingSources): Promise<Reading> {
  const list = await shell.run([
    ...kubectl,
    'get',
    'pods',
    '--selector',
    'app.kubernetes.io/part-of=podtalk',
    '--output',
    'json',
  ]);
  const running = (list ? (JSON.parse(list) as IPodList) : { items: [] }).items.flatMap((pod) => {
    const component = pod.metadata?.labels?.['app.kubernetes.io/name'] as Component | undefined;
    const name = pod.metadata?.name;
    // An api pod the Service does not select serves nothing, and says nothing of the api's limit.
    const serving = component !== 'api' || pod.metadata?.labels?.[SERVING_LABEL] === 'yes';
    return name &&
      component &&
      COMPONENTS.includes(component) &&
      serving &&
      pod.status?.phase === 'Running' &&
      !pod.metadata?.deletionTimestamp
      ? [{ name, component, node: pod.spec?.nodeName ?? '' }]
      : [];
  });
  const [pods, nodeReads] = await Promise.all([
    Promise.all(
      running.map(async ({ name, component, node }) => {
        const text = await shell.run([
          ...kubectl,
          'exec',
          name,
          '--container',
          component,
          '--',
          'sh',
          '-c',
          READ_CPU_ACCOUNT,
        ]);
        return [name, { component, node, account: parseCpuAccount(text) }] as const;
      }),
    ),
    Promise.all(
      nodes.map(async (node) => {
        const [cgroup = '', cores = '', conntrack = ''] = (
          await shell.run(['docker', 'exec', node, 'sh', '-c', READ_NODE])
        ).split('---\n');
        const [entries, max] = conntrack.trim().split(/\s+/).map(Number);
        return { node, cgroup, cores, conntrack: { entries: entries ?? NaN, max: max ?? NaN } };
      }),
    ),
  ]);
  const cpu = process.cpuUsage();
  return {
    pods: Object.fromEntries(pods),
    nodes: Object.fromEntries(nodeReads.map((n) => [n.node, parseCpuAccount(n.cgroup)])),
    kernel: nodeReads[0] ? parseKernelTimes(nodeReads[0].cores) : undefined,
    conntrack: Object.fromEntries(nodeReads.map((n) => [n.node, n.conntrack])),
    generatorUs: cpu.user + cpu.system,
    dockerProxyUs: viaDockerProxy ? dockerProxyUs() : undefined,
  };
}
