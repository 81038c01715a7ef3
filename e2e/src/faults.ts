import type { IPod } from 'kubernetes-models/v1/Pod';
import { expect, vi } from 'vitest';
import { docker } from './docker.js';
import { noteChange, type Noted } from './undo.js';
import type { Kube } from '@podtalk/cluster-kit';

/**
 * SIGKILL to a pod's main process, sent from its node: the process dies mid-write, with no
 * chance to flush or close; the pod itself stays, and the kubelet restarts its container.
 * Resolves with the container's restart count from before. kind's nodes are Docker containers
 * named after the node, and crictl is on every one.
 */
export async function killMainProcess(kube: Kube, podName: string): Promise<number> {
  const pod = await kube.json<IPod>(['get', 'pod', podName]);
  const node = pod.spec?.nodeName;
  const container = pod.status?.containerStatuses?.[0];
  const id = container?.containerID?.replace(/^\w+:\/\//, '');
  if (!node || !container || !id) throw new Error(`${podName} has no running container`);
  const pid = await docker([
    'exec',
    node,
    'crictl',
    'inspect',
    '--output',
    'go-template',
    '--template',
    '{{.info.pid}}',
    id,
  ]);
  await docker(['exec', node, 'kill', '-KILL', pid.trim()]);
  return container.restartCount;
}

/**
 * Waits until the kubelet has restarted the pod's container after `restarts` restarts, and
 * resolves with when it started running again (the kubelet's own record, to the second).
 */
export const restartedAt = (kube: Kube, podName: string, restarts: number): Promise<number> =>
  vi.waitFor(
    async () => {
      const pod = await kube.json<IPod>(['get', 'pod', podName]);
      const status = pod.status?.containerStatuses?.[0];
      expect(status?.restartCount, `${podName}'s restarts`).toBeGreaterThan(restarts);
      const started = status?.state?.running?.startedAt;
      expect(started, `${podName} running again`).toBeDefined();
      return Date.parse(started!);
    },
    // The kubelet backs off between restarts of one container: 10 s, 20 s, 40 s … up to 5 min.
    { timeout: 330_000, interval: 500 },
  );

/**
 * Freezes a whole node, as a hung machine does: `docker pause` stops its kubelet, kube-proxy
 * and every pod at once, without closing a single connection. Its undo (`docker unpause`) lets
 * the node go on.
 */
export async function freezeNode(node: string): Promise<Noted> {
  const frozen = noteChange(`${node} frozen`, { command: ['docker', 'unpause', node] });
  await docker(['pause', node]);
  return frozen;
}
