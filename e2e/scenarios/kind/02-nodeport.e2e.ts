import { describe, expect, it } from 'vitest';
import { NODE_PORT_URL, kubeForSuite } from '../../src/index.js';

// kind only: it asks for the NodePort on this machine's localhost:30080, which the kind overlay
// opens and k8s/kind/cluster.yaml maps; on any other cluster the api is a LoadBalancer.
const kube = kubeForSuite();

describe('2. NodePort', () => {
  it('when the host opens localhost:30080, then the page and the API answer', async () => {
    const page = await fetch(`${NODE_PORT_URL}/`);
    const api = await fetch(`${NODE_PORT_URL}/api/messages?limit=1`);

    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>podtalk</title>');
    expect(api.status).toBe(200);
    expect(await api.json()).toHaveProperty('items');
  });

  it('when the Service is read, then it is a NodePort on 30080 and never exposes the admin port', async () => {
    const service = await kube.json<{
      spec: { type: string; ports: { name: string; nodePort: number }[] };
    }>(['get', 'service', 'api']);

    expect(service.spec.type).toBe('NodePort');
    expect(service.spec.ports.map((p) => [p.name, p.nodePort])).toEqual([['http', 30080]]);
  });
});
