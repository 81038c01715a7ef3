import { afterAll, describe, expect, it } from 'vitest';
import { kubeForSuite, nodeInPod, readyPods, waitFor } from '../src/index.js';

const kube = kubeForSuite();
const PROBE = `np-probe-${Date.now()}`;

/** A TCP connect with a 3 s limit, printed as "open" or "blocked". */
const connectScript = (host: string, port: number) =>
  `import net from 'node:net'; const s = net.connect({ host: '${host}', port: ${port}, timeout: 3000 });` +
  `s.on('connect', () => { console.log('open'); s.destroy(); }); s.on('timeout', () => { console.log('blocked'); s.destroy(); });` +
  `s.on('error', () => console.log('blocked'));`;

// Gone before the next scenario: a bare pod would stop a node drain (it has no controller).
afterAll(() => kube.run(['delete', 'pod', PROBE, '--ignore-not-found', '--timeout=60s']));

describe('11. NetworkPolicy', () => {
  it('when a pod without the api labels connects to db-client or mysql, then both are blocked', async () => {
    const image = (
      await kube.json<{ spec: { template: { spec: { containers: { image: string }[] } } } }>([
        'get',
        'deployment',
        'api',
      ])
    ).spec.template.spec.containers[0]!.image;
    // The namespace enforces the restricted profile, so even a probe pod must comply.
    const overrides = {
      spec: {
        automountServiceAccountToken: false,
        // sleep ignores SIGTERM; nothing here needs a grace period.
        terminationGracePeriodSeconds: 0,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 10001,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [
          {
            name: PROBE,
            image,
            imagePullPolicy: 'Never',
            command: ['sleep', '600'],
            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
          },
        ],
      },
    };
    await kube.run([
      'run',
      PROBE,
      '--image',
      image,
      '--restart=Never',
      '--labels',
      'app.kubernetes.io/name=np-probe',
      '--overrides',
      JSON.stringify(overrides),
    ]);
    await waitFor(
      async () =>
        (await kube.run(['get', 'pod', PROBE, '--output', 'jsonpath={.status.phase}'])) ===
        'Running',
      {
        timeoutMs: 60_000,
        description: 'the probe pod to run',
      },
    );

    const toDbClient = await nodeInPod(
      kube,
      PROBE,
      connectScript('db-client.podtalk.svc.cluster.local', 8080),
    );
    const toMysql = await nodeInPod(
      kube,
      PROBE,
      connectScript('mysql.podtalk.svc.cluster.local', 3306),
    );

    expect(toDbClient.trim()).toBe('blocked');
    expect(toMysql.trim()).toBe('blocked');
  });

  it('when an api pod connects to db-client, then it is allowed, while mysql stays closed to it', async () => {
    const [pod] = await readyPods(kube, 'api');

    const toDbClient = await nodeInPod(
      kube,
      pod!.name,
      connectScript('db-client.podtalk.svc.cluster.local', 8080),
    );
    const toMysql = await nodeInPod(
      kube,
      pod!.name,
      connectScript('mysql.podtalk.svc.cluster.local', 3306),
    );

    expect(toDbClient.trim()).toBe('open');
    expect(toMysql.trim()).toBe('blocked');
  });
});
