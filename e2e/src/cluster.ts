import type { IEndpointSliceList } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSliceList';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import type { IService } from 'kubernetes-models/v1/Service';
import { expect, vi } from 'vitest';
import { BASE_URL, countServedBy } from './http.js';
import type { Kube } from './kubectl.js';

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

/** The pods a Service routes to right now: its EndpointSlices' ready endpoints. */
export async function readyEndpoints(kube: Kube, service: string): Promise<string[]> {
  const slices = await kube.json<IEndpointSliceList>([
    'get',
    'endpointslices',
    '--selector',
    `kubernetes.io/service-name=${service}`,
  ]);
  return (
    slices.items
      // Required by the schema, yet null in a slice that has no endpoints.
      .flatMap((slice) => (Array.isArray(slice.endpoints) ? slice.endpoints : []))
      .filter((endpoint) => endpoint.conditions?.ready === true)
      .map((endpoint) => endpoint.targetRef?.name ?? endpoint.addresses[0] ?? '')
      .sort()
  );
}

export const clusterIP = async (kube: Kube, service: string) =>
  (await kube.json<IService>(['get', 'service', service])).spec?.clusterIP;

/** Waits until exactly `count` ready pods of `app` are the Service's only ready endpoints. */
export async function waitForReadyEndpoints(
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
) {
  return vi.waitFor(
    async () => {
      const [endpoints, ready] = await Promise.all([
        readyEndpoints(kube, service),
        readyPods(kube, app),
      ]);
      const names = ready.map((pod) => pod.name).sort();
      expect(endpoints, `ready endpoints behind Service ${service}`).toHaveLength(count);
      expect(endpoints, `endpoints behind Service ${service} = ready ${app} pods`).toEqual(names);
      return endpoints;
    },
    { timeout: timeoutMs, interval: 1_000 },
  );
}

/**
 * Waits until new connections through the NodePort reach exactly the api's ready pods, and
 * returns their names. kube-proxy applies an EndpointSlice change a moment after it is made:
 * just after a rollout a new connection can still reach an old pod that is shutting down, and
 * just after a scale-up none reaches the new pods yet.
 */
export async function waitForApiRouting(kube: Kube): Promise<string[]> {
  return vi.waitFor(
    async () => {
      const names = (await readyPods(kube, 'api')).map((pod) => pod.name).sort();
      const served = Object.keys(await countServedBy(`${BASE_URL}/api/whoami`, 30)).sort();
      expect(served, 'api pods that new connections reach').toEqual(names);
      return names;
    },
    { timeout: 30_000, interval: 500 },
  );
}
