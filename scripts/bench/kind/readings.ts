import { runOrThrow, type Kube } from '@podtalk/cluster-kit';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import { SERVING_LABEL } from './bench-objects.js';
import {
  parseCpuAccount,
  parseKernelTimes,
  READ_CPU_ACCOUNT,
  type CpuAccount,
  type KernelTimes,
} from './cpu-accounts.js';

export const COMPONENTS = ['api', 'db-client', 'mysql'] as const;
export type Component = (typeof COMPONENTS)[number];

/** Every counter the bench reads at each edge of a measured window. */
export interface Reading {
  /** Each serving pod's container, from its own cgroup. */
  pods: Record<string, { component: Component; account: CpuAccount }>;
  /** The machine under the kind nodes, as its kernel counts it (Docker Desktop's VM on a Mac). */
  kernel: KernelTimes;
  /** This process's CPU in µs: the load generator. */
  generatorUs: number;
}

/** The pods that serve now: db-client, MySQL, and the api pods the Service selects. */
async function servingPods(kube: Kube) {
  const list = await kube.json<IPodList>([
    'get',
    'pods',
    '--selector',
    'app.kubernetes.io/part-of=podtalk',
  ]);
  return list.items.flatMap((pod) => {
    const component = pod.metadata?.labels?.['app.kubernetes.io/name'] as Component | undefined;
    const name = pod.metadata?.name;
    const serving = component !== 'api' || pod.metadata?.labels?.[SERVING_LABEL] === 'yes';
    const running = pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp;
    return name && component && COMPONENTS.includes(component) && serving && running
      ? [{ name, component }]
      : [];
  });
}

/** Reads every counter at once: each pod's cgroup, the kernel's cores (from a node), this process. */
export async function takeReading(kube: Kube, node: string): Promise<Reading> {
  const pods = await servingPods(kube);
  const [accounts, stat] = await Promise.all([
    Promise.all(
      pods.map(async ({ name, component }) => {
        const text = await kube.run([
          'exec',
          name,
          '--container',
          component,
          '--',
          'sh',
          '-c',
          READ_CPU_ACCOUNT,
        ]);
        return [name, { component, account: parseCpuAccount(text) }] as const;
      }),
    ),
    runOrThrow(['docker', 'exec', node, 'grep', '^cpu', '/proc/stat']),
  ]);
  const cpu = process.cpuUsage();
  return {
    pods: Object.fromEntries(accounts),
    kernel: parseKernelTimes(stat.stdout),
    generatorUs: cpu.user + cpu.system,
  };
}
