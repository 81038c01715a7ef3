import type { IEndpointSliceList } from 'kubernetes-models/discovery.k8s.io/v1/EndpointSliceList';
import { poll } from '../wait/poll.js';
import type { Kube } from './kubectl.js';

/** The pods a Service routes to right now: its EndpointSlices' ready endpoints, by name. */
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

export interface EndpointsWait {
  service: string;
  /** Exactly these pods, or (when it returns them) the pods it names at each ask. */
  pods: readonly string[] | (() => Promise<readonly string[]>);
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Waits until a Service's ready endpoints are exactly `pods`, and resolves with them. */
export function waitForEndpoints(
  kube: Kube,
  { service, pods, timeoutMs = 180_000, signal }: EndpointsWait,
): Promise<string[]> {
  return poll(
    async () => {
      const [endpoints, expected] = await Promise.all([
        readyEndpoints(kube, service),
        typeof pods === 'function' ? pods() : pods,
      ]);
      const wanted = [...expected].sort();
      if (endpoints.join() === wanted.join()) return endpoints;
      throw new Error(
        `it has ${endpoints.join(', ') || 'none'}, not ${wanted.join(', ') || 'none'}`,
      );
    },
    { what: `the ready endpoints behind Service ${service}`, timeoutMs, signal },
  );
}
