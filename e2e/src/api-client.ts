import { readFileSync } from 'node:fs';
import type { Kube } from '@podtalk/cluster-kit';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { parse } from 'yaml';
import { portForward } from './port-forward.js';

export const CLIENT_NAMESPACE = 'podtalk-e2e-client';
const MANIFEST = parse(
  readFileSync(new URL('../manifests/api-client.yaml', import.meta.url), 'utf8'),
) as {
  spec: { containers: { image: string }[] };
};

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
  const pod = structuredClone(MANIFEST);
  pod.spec.containers.forEach((container) => (container.image = image));
  const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: CLIENT_NAMESPACE } };
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
      await kube.run(['delete', 'namespace', CLIENT_NAMESPACE, '--wait=false']);
    },
  };
}
