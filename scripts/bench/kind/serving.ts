import { setTimeout as sleep } from 'node:timers/promises';
import type { IEndpointSliceList } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSliceList';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import type { Command } from '../../lib/command.js';
import type { Shell } from '../../lib/shell.js';
import { SERVING_LABEL } from './bench-overlay.js';

/** kube-proxy applies an EndpointSlice change a moment after it is made. */
const KUBE_PROXY_LAG_MS = 2_000;

/** The api pods running now, `count` of them, by name: the order in which they join the Service. */
export async function apiPods(shell: Shell, kubectl: Command, count: number): Promise<string[]> {
  const text = await shell.run([
    ...kubectl,
    'get',
    'pods',
    '--selector',
    'app.kubernetes.io/name=api',
    '--output',
    'json',
  ]);
  if (shell.dryRun) return Array.from({ length: count }, (_, i) => `<api pod ${i + 1}>`);
  const names = (JSON.parse(text) as IPodList).items
    .filter((pod) => pod.status?.phase === 'Running' && !pod.metadata?.deletionTimestamp)
    .flatMap((pod) => (pod.metadata?.name ? [pod.metadata.name] : []))
    .sort();
  if (names.length !== count) throw new Error(`${names.length} api pods running, not ${count}`);
  return names;
}

/** Waits until the api Service has exactly `replicas` ready endpoints, and kube-proxy has them. */
async function readyEndpoints(shell: Shell, kubectl: Command, replicas: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const text = await shell.run([
      ...kubectl,
      'get',
      'endpointslices',
      '--selector',
      'kubernetes.io/service-name=api',
      '--output',
      'json',
    ]);
    if (shell.dryRun) return;
    const ready = (JSON.parse(text) as IEndpointSliceList).items
      .flatMap((slice) => (Array.isArray(slice.endpoints) ? slice.endpoints : []))
      .filter((endpoint) => endpoint.conditions?.ready);
    if (ready.length === replicas) break;
    if (Date.now() > deadline)
      throw new Error(`the api Service has ${ready.length} ready endpoints, not ${replicas}`);
    await sleep(1_000);
  }
  await sleep(KUBE_PROXY_LAG_MS);
}

/**
 * Labels the first `count` pods into the api Service and the rest out of it, then waits until
 * kube-proxy sends new connections to exactly those. A pod out of the Service keeps running.
 */
export async function serveFirst({
  shell,
  kubectl,
  pods,
  count,
}: {
  shell: Shell;
  kubectl: Command;
  pods: string[];
  count: number;
}): Promise<void> {
  const label = (names: string[], value: 'yes' | 'no') =>
    names.length === 0
      ? undefined
      : shell.run([
          ...kubectl,
          'label',
          'pod',
          ...names,
          `${SERVING_LABEL}=${value}`,
          '--overwrite',
        ]);
  await label(pods.slice(0, count), 'yes');
  await label(pods.slice(count), 'no');
  await readyEndpoints(shell, kubectl, count);
}
