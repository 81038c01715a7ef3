import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_URL,
  kubeForSuite,
  askDnsOnce,
  noteChange,
  startLoadLoop,
  waitForApiRouting,
} from '../../src/index.js';

// kind only: it scales the cluster's CoreDNS to zero and replaces its pods, which on a managed
// cluster belong to its operators (and may be called kube-dns, or be a node-local cache).
const kube = kubeForSuite();
const system = kube.inNamespace('kube-system');
// Long enough for every api pod to open new connections to db-client by name while DNS is gone,
// each lookup giving way to the last good answer.
const OUTAGE_MS = 25_000;
let replicas = '2';

const corednsReplicas = () =>
  system.run(['get', 'deployment', 'coredns', '--output', 'jsonpath={.spec.replicas}']);
const scaleCoredns = (to: string) =>
  system.run(['scale', 'deployment/coredns', `--replicas=${to}`]);

beforeAll(async () => {
  replicas = await corednsReplicas();
});
afterAll(async () => {
  await scaleCoredns(replicas);
  await system.run(['rollout', 'status', 'deployment/coredns', '--timeout=120s'], {
    timeoutMs: 130_000,
  });
});

describe('15. cluster DNS goes away', () => {
  it('when CoreDNS is scaled to 0 under load, then the api still reaches db-client by name, db-client still reaches MySQL by name, and no request fails', async () => {
    // Every api pod answers a whoami, and so resolves db-client's name, while DNS is up: a pod
    // that never had an answer has nothing to fall back on.
    const names = await waitForApiRouting(kube);
    // Asks the pod's nameserver (the cluster DNS Service) once, with a bound: the system
    // resolver would walk every search domain, 10 s each, while DNS is gone.
    const askClusterDns = () =>
      askDnsOnce(kube, { pod: names[0]!, name: 'db-client.podtalk.svc.cluster.local' });
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      maxDurationMs: 300_000,
    });
    await load.answered(100);

    const whoamis: { ok: boolean; latencyMs: number; error?: string }[] = [];
    let dnsInPod: string | undefined;
    const scaledDown = noteChange('CoreDNS scaled to 0', {
      command: system.command(['scale', 'deployment/coredns', `--replicas=${replicas}`]),
    });
    try {
      await scaleCoredns('0');
      await expect
        .poll(corednsPods, { timeout: 60_000, interval: 500, message: 'CoreDNS pods left' })
        .toBe(0);
      dnsInPod = (await askClusterDns()).trim();
      // Each whoami opens a new connection to db-client, so it needs db-client's address.
      const outageEnds = Date.now() + OUTAGE_MS;
      while (Date.now() < outageEnds) {
        const res = await fetch(`${API_URL}/api/whoami`);
        whoamis.push(((await res.json()) as { dbClient: (typeof whoamis)[number] }).dbClient);
        await sleep(250);
      }
    } finally {
      await scaledDown.undo();
    }
    const result = await load.stop();
    console.info(
      `[e2e] CoreDNS at 0 for ${OUTAGE_MS / 1000} s: ${result.total} requests, ${result.failed} failed (${JSON.stringify(result.statuses)}); ${whoamis.length} whoami pings, the slowest ${Math.round(Math.max(...whoamis.map((w) => w.latencyMs)))} ms`,
    );

    // The outage was real: the cluster DNS did not answer the pod.
    expect(dnsInPod).toMatch(/^E/);
    // Every whoami opened a new connection to db-client by name, and every one got through.
    expect(whoamis.filter((w) => !w.ok).map((w) => w.error)).toEqual([]);
    // db-client opens a MySQL connection by name whenever its pool grows, with its last good
    // answer for the name while DNS is away.
    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
  });
});

describe('15. cluster DNS is replaced', () => {
  it('when every CoreDNS pod is replaced under load, then no request fails', async () => {
    // For a few seconds after a CoreDNS pod goes, a lookup can still be sent to it and wait
    // 5 s for nothing (kubernetes/kubernetes#129617); serve-stale lookups do not wait that long.
    const load = startLoadLoop({
      url: `${API_URL}/api/messages?limit=5`,
      concurrency: 4,
      maxDurationMs: 300_000,
    });
    await load.answered(100);

    await system.run(['rollout', 'restart', 'deployment/coredns']);
    await system.run(['rollout', 'status', 'deployment/coredns', '--timeout=120s'], {
      timeoutMs: 130_000,
    });
    // The rollout is done when the new pods are ready; the old ones still serve for a while.
    await expect
      .poll(corednsPods, { timeout: 60_000, interval: 500, message: 'CoreDNS pods, old and new' })
      .toBe(Number(replicas));
    // The load goes on past the 5 s a lookup sent to a gone pod waits.
    await sleep(15_000);
    const result = await load.stop();
    console.info(
      `[e2e] CoreDNS replaced: ${result.total} requests, ${result.failed} failed, slowest answer ${Math.round(result.slowestMs)} ms`,
    );

    expect(result.errors).toEqual([]);
    expect(result.failed).toBe(0);
  });
});

async function corednsPods(): Promise<number> {
  const list = await system.json<{ items: unknown[] }>([
    'get',
    'pods',
    '--selector',
    'k8s-app=kube-dns',
  ]);
  return list.items.length;
}
