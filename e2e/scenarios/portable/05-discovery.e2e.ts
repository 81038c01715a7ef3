import { describe, expect, it } from 'vitest';
import { API_URL, clusterIP, kubeForSuite, readyPods, resolveIn } from '../../src/index.js';

const kube = kubeForSuite();

describe('5. DNS and environment discovery', () => {
  it('when an api pod resolves db-client.podtalk.svc.cluster.local, then it gets the ClusterIP that its env also names', async () => {
    const ip = await clusterIP(kube, 'db-client');
    const [pod] = await readyPods(kube, 'api');

    const resolved = await resolveIn(kube, {
      pod: pod!.name,
      name: 'db-client.podtalk.svc.cluster.local',
    });
    const env = await kube.run(['exec', pod!.name, '--', 'printenv', 'DB_CLIENT_SERVICE_HOST']);

    expect(resolved).toEqual([ip]);
    expect(env.trim()).toBe(ip);
  });

  it('when /api/discovery is asked, then DNS and the injected variables agree on the ClusterIP', async () => {
    const ip = await clusterIP(kube, 'db-client');

    const discovery = (await (await fetch(`${API_URL}/api/discovery`)).json()) as {
      configured: { host: string };
      dns: { addresses: string[] };
      serviceEnv: Record<string, { host: string }>;
      agree: boolean;
    };

    expect(discovery.configured.host).toBe('db-client.podtalk.svc.cluster.local');
    expect(discovery.dns.addresses).toEqual([ip]);
    expect(discovery.serviceEnv.DB_CLIENT?.host).toBe(ip);
    expect(discovery.serviceEnv.MYSQL?.host).toBe(await clusterIP(kube, 'mysql'));
    expect(discovery.agree).toBe(true);
  });
});
