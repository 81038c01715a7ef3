import { waitForRouting, type Kube } from '@podtalk/cluster-kit';
import { inject } from 'vitest';
import { readyPods } from './cluster.js';

/**
 * The api Service as a client inside the cluster reaches it, through the suite's api-client pod:
 * http://api.podtalk.svc.cluster.local, on any cluster.
 */
export const API_URL = inject('apiUrl');

/** Where the api's NodePort answers on this machine: kind maps 30080 to localhost. */
export const NODE_PORT_URL = process.env.E2E_NODE_PORT_URL ?? 'http://localhost:30080';

export async function postMessage(text: string): Promise<{ status: number; id: number }> {
  const res = await fetch(`${API_URL}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ author: 'e2e', text }),
  });
  const body = (await res.json()) as { id: number };
  return { status: res.status, id: body.id };
}

interface MessagePage {
  items: { id: number; text: string }[];
  nextBefore: number | null;
}

/** Every stored message from `oldestId` up whose text starts with `prefix`, read page by page. */
export async function storedMessages(prefix: string, oldestId: number) {
  const found: { id: number; text: string }[] = [];
  let before: number | null = null;
  do {
    const query: string = before === null ? '' : `&before=${before}`;
    const res = await fetch(`${API_URL}/api/messages?limit=100${query}`);
    if (res.status !== 200) throw new Error(`listing messages answered ${res.status}`);
    const page = (await res.json()) as MessagePage;
    found.push(...page.items.filter((m) => m.id >= oldestId && m.text.startsWith(prefix)));
    const last = page.items.at(-1);
    before = last && last.id > oldestId ? page.nextBefore : null;
  } while (before !== null);
  return found;
}

/**
 * Waits until new connections to the api Service reach exactly the api's ready pods, and
 * returns their names: kube-proxy applies an EndpointSlice change a moment after it is made.
 */
export const waitForApiRouting = (kube: Kube): Promise<string[]> =>
  waitForRouting({
    url: `${API_URL}/api/whoami`,
    pods: async () => (await readyPods(kube, 'api')).map((pod) => pod.name),
  });
