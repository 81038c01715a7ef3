import { readFileSync } from 'node:fs';
import { portForward, type Kube } from '@podtalk/cluster-kit';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodList } from 'kubernetes-models/v1/PodList';
import type { IService } from 'kubernetes-models/v1/Service';
import { parse } from 'yaml';
import { noteChange } from './undo.js';

export const CLIENT_NAMESPACE = 'podtalk-e2e-client';
const MANIFEST = parse(
  readFileSync(new URL('../manifests/api-client.yaml', import.meta.url), 'utf8'),
) as IPod;

/** The nodes the api-client pod runs on: a drain there would cut the suite's own way in. */
export async function clientNodes(kube: Kube): Promise<string[]> {
  const pods = await kube.inNamespace(CLIENT_NAMESPACE).json<IPodList>(['get', 'pods']);
  return pods.items.flatMap((pod) => (pod.spec?.nodeName ? [pod.spec.nodeName] : []));
}

/**
 * The way in for every scenario that holds on any cluster: the api-client pod, which relays each
 * connection to the api Service from inside the cluster, reached through `kubectl port-forward`.
 * Resolves with the URL that stands for http://api.podtalk.svc.cluster.local.
 */
export async function startApiClient(kube: Kube) {
  const client = kube.inNamespace(CLIENT_NAMESPACE);
  const api = await kube.json<IDeployment>(['get', 'deployment', 'api']);
  const image = api.spec?.template.spec?.containers[0]?.image;
  if (!image) throw new Error('the api Deployment names no image: deploy podtalk first');
  const service = await kube.json<IService>(['get', 'service', 'api']);
  const pod = structuredClone(MANIFEST);
  for (const container of pod.spec?.containers ?? [])
    Object.assign(container, {
      image,
      env: [{ name: 'API_HOST', value: service.spec?.clusterIP }],
    });
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CLIENT_NAMESPACE } };
  // A run just before deleted its namespace without waiting. Until that is done, the old pod
  // still answers, and the suite would forward to it and lose it half-way.
  await kube.run(['wait', '--for=delete', `namespace/${CLIENT_NAMESPACE}`, '--timeout=120s'], {
    timeoutMs: 130_000,
  });
  const created = noteChange(`namespace ${CLIENT_NAMESPACE} created`, {
    command: kube.command([
      'delete',
      'namespace',
      CLIENT_NAMESPACE,
      '--ignore-not-found',
      '--wait=false',
    ]),
  });
  await kube.run(['apply', '--filename', '-'], { input: JSON.stringify(namespace) });
  await client.run(['apply', '--filename', '-'], { input: JSON.stringify(pod) });
  await client.run(['wait', 'pod/api-client', '--for=condition=Ready', '--timeout=120s'], {
    timeoutMs: 130_000,
  });
  const forward = await portForward(client, 'api-client', 8080);
  return {
    url: forward.url,
    async stop() {
      await forward.close();
      await created.undo();
    },
  };
}
