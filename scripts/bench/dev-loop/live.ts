import { poll, readyEndpoints, type Kube } from '@podtalk/cluster-kit';
import { Agent, request } from 'undici';

/** Which api pod answered a fresh connection, and the version it says it runs. */
async function whoami(url: string, agent: Agent): Promise<{ pod: string; version: string }> {
  const res = await request(`${url}/api/whoami`, {
    dispatcher: agent,
    reset: true,
    signal: AbortSignal.timeout(5_000),
  });
  const body = (await res.body.json()) as { pod: { name: string }; version: string };
  return { pod: body.pod.name, version: body.version };
}

/**
 * Waits until every api pod behind the Service answers with `version`, and new connections reach
 * no other: the moment a change is live for every user.
 */
export async function waitUntilLive(kube: Kube, url: string, version: string): Promise<void> {
  const agent = new Agent();
  try {
    await poll(
      async () => {
        const pods = await readyEndpoints(kube, 'api');
        const answers = await Promise.all(
          Array.from({ length: 10 * pods.length }, () => whoami(url, agent)),
        );
        const stale = answers.filter((a) => a.version !== version).map((a) => a.pod);
        const reached = new Set(answers.map((a) => a.pod));
        if (stale.length > 0)
          throw new Error(`${[...new Set(stale)].join(', ')} still answer with another version`);
        if (pods.some((pod) => !reached.has(pod)))
          throw new Error(`not every ready pod answered yet`);
        return true;
      },
      {
        what: `every api pod to answer with version ${version}`,
        timeoutMs: 180_000,
        intervalMs: 200,
      },
    );
  } finally {
    await agent.close();
  }
}
