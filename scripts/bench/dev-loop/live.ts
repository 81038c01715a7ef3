import { readyEndpoints, waitForRouting, type Kube } from '@podtalk/cluster-kit';
import { request } from 'undici';

/**
 * Waits until the change is live for every user: new connections through the Service reach
 * exactly its ready api pods, which after the deploy's rollout are the new ones; and ten fresh
 * answers a pod all carry `version`, the proof that those pods run the change.
 */
export async function waitUntilLive(kube: Kube, url: string, version: string): Promise<void> {
  const whoami = `${url}/api/whoami`;
  const pods = await waitForRouting({
    url: whoami,
    pods: () => readyEndpoints(kube, 'api'),
    timeoutMs: 180_000,
  });
  const answers = await Promise.all(
    Array.from({ length: 10 * pods.length }, async () => {
      const res = await request(whoami, { reset: true, signal: AbortSignal.timeout(5_000) });
      return ((await res.body.json()) as { version: string }).version;
    }),
  );
  if (answers.some((answered) => answered !== version))
    throw new Error(
      `api pods answered with ${[...new Set(answers)].join(', ')}, not only ${version}`,
    );
}
