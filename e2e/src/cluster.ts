import { waitForEndpoints, type Kube } from '@podtalk/cluster-kit';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import type { IService } from 'kubernetes-models/v1/Service';

export interface PodInfo {
  name: string;
  uid: string;
  ip: string | undefined;
  node: string | undefined;
  ready: boolean;
  terminating: boolean;
  restarts: number;
}

export const selectorFor = (name: string) =>
  `app.kubernetes.io/name=${name},app.kubernetes.io/instance=podtalk`;

export async function pods(kube: Kube, app: string): Promise<PodInfo[]> {
  const list = await kube.json<IPodList>(['get', 'pods', '--selector', selectorFor(app)]);
  return list.items.map(({ metadata, spec, status }) => ({
    name: metadata?.name ?? '',
    uid: metadata?.uid ?? '',
    ip: status?.podIP,
    node: spec?.nodeName,
    ready: status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    terminating: metadata?.deletionTimestamp !== undefined,
    restarts: (status?.containerStatuses ?? []).reduce((sum, c) => sum + c.restartCount, 0),
  }));
}

export const readyPods = async (kube: Kube, app: string) =>
  (await pods(kube, app)).filter((pod) => pod.ready && !pod.terminating);

export const clusterIP = async (kube: Kube, service: string) =>
  (await kube.json<IService>(['get', 'service', service])).spec?.clusterIP;

/** Waits until exactly `count` ready pods of `app` are the Service's only ready endpoints. */
export function waitForReadyEndpoints(
  kube: Kube,
  {
    service,
    app = service,
    count,
    timeoutMs = 180_000,
  }: {
    /** The Service whose endpoints are read. */
    service: string;
    /** The app whose ready pods they must be: the Service's own, unless said otherwise. */
    app?: string;
    count: number;
    timeoutMs?: number;
  },
): Promise<string[]> {
  return waitForEndpoints(kube, {
    service,
    timeoutMs,
    pods: async () => {
      const ready = await readyPods(kube, app);
      if (ready.length !== count)
        throw new Error(`${ready.length} ready ${app} pods, not ${count}`);
      return ready.map((pod) => pod.name);
    },
  });
}
