import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  becomesOpen,
  clusterIP,
  connectFrom,
  connectFromShellless,
  kubeForSuite,
  kubeletAddress,
  readyPods,
  resolveIn,
  startOutsideServer,
  startProbeNamespace,
} from '../../src/index.js';

const kube = kubeForSuite();
interface Target {
  host: string;
  port: number;
}
const DB_CLIENT = { host: 'db-client.podtalk.svc.cluster.local', port: 8080 };
const MYSQL = { host: 'mysql.podtalk.svc.cluster.local', port: 3306 };
const API = { host: 'api.podtalk.svc.cluster.local', port: 80 };
const JAEGER = { host: 'jaeger.podtalk.svc.cluster.local', port: 4318 };
const API_SERVER = { host: 'kubernetes.default.svc.cluster.local', port: 443 };
let probe: Awaited<ReturnType<typeof startProbeNamespace>>;
const cleanups: (() => Promise<unknown>)[] = [];
/** Addresses beyond the pod network, each one reachable by a pod that no policy governs. */
const beyond: Record<string, Target> = {};

beforeAll(async () => {
  probe = await startProbeNamespace(kube);
  cleanups.push(probe.stop);
  Object.assign(beyond, { apiServer: API_SERVER, kubelet: await kubeletAddress(kube) });
  // On kind a server outside the cluster is one docker run away; on another cluster there is no
  // such server to start, and the API server and a kubelet stand for "beyond the pod network".
  if (!inject('onKind')) return;
  const outside = await startOutsideServer(kube);
  cleanups.push(outside.stop);
  // A pod network without masquerading (kind-sandbox's) cannot reach outside at all; there, a
  // blocked connection out would prove nothing about the policies, so it is not asked.
  if (await becomesOpen(probe.kube, { pod: probe.pod, ...outside })) beyond.outside = outside;
  else
    console.info(
      `[e2e] ${outside.host}:${outside.port}, outside the cluster, is unreachable even without ` +
        'policies: this pod network does not route out, so only the API server and a kubelet are asked',
    );
});
afterAll(() => Promise.all(cleanups.map((cleanup) => cleanup())));

/**
 * Which targets `pod` can open a connection to, all tried at once. Every target that stays
 * closed here opens from some other pod in this file, so closed means blocked by a policy.
 */
async function opens(kubeOfPod: typeof kube, pod: string, targets: Record<string, Target>) {
  const results = await Promise.all(
    Object.entries(targets).map(async ([name, target]) => [
      name,
      (await connectFrom(kubeOfPod, { pod, ...target })) === 'open',
    ]),
  );
  return Object.fromEntries(results) as Record<string, boolean>;
}
async function opensFrom(app: string, targets: Record<string, Target>) {
  const [pod] = await readyPods(kube, app);
  return opens(kube, pod!.name, targets);
}
const each = (targets: Record<string, Target>, open: boolean) =>
  Object.fromEntries(Object.keys(targets).map((name) => [name, open]));

describe('11. NetworkPolicy: ingress and egress', () => {
  it('when a pod that no policy governs connects, then it reaches the api and beyond the pod network, but not db-client, MySQL or Jaeger', async () => {
    const reached = await opens(probe.kube, probe.pod, {
      api: API,
      ...beyond,
      dbClient: DB_CLIENT,
      mysql: MYSQL,
      jaeger: JAEGER,
    });

    // What it reaches proves those addresses answer; podtalk's ingress rules block the rest.
    expect(reached).toEqual({
      api: true,
      ...each(beyond, true),
      dbClient: false,
      mysql: false,
      jaeger: false,
    });
  });

  it('when an api pod connects out, then it reaches db-client and Jaeger’s OTLP port, and nothing else', async () => {
    const reached = await opensFrom('api', {
      dbClient: DB_CLIENT,
      jaeger: JAEGER,
      mysql: MYSQL,
      ...beyond,
    });

    expect(reached).toEqual({ dbClient: true, jaeger: true, mysql: false, ...each(beyond, false) });
  });

  it('when a db-client pod connects out, then it reaches MySQL and Jaeger’s OTLP port, and nothing else', async () => {
    const reached = await opensFrom('db-client', {
      mysql: MYSQL,
      jaeger: JAEGER,
      api: API,
      ...beyond,
    });

    expect(reached).toEqual({ mysql: true, jaeger: true, api: false, ...each(beyond, false) });
  });

  it('when the MySQL pod connects out, then it reaches nothing, Jaeger included', async () => {
    const reached = await opensFrom('mysql', { dbClient: DB_CLIENT, jaeger: JAEGER, ...beyond });

    expect(reached).toEqual({ dbClient: false, jaeger: false, ...each(beyond, false) });
  });

  it('when the Jaeger pod connects out, then it reaches nothing', async () => {
    const [jaeger] = await readyPods(kube, 'jaeger');

    const answers = await connectFromShellless(kube, {
      pod: jaeger!.name,
      targets: { dbClient: DB_CLIENT, mysql: MYSQL, api: API, ...beyond },
    });
    const reached = Object.fromEntries(
      Object.entries(answers).map(([name, answer]) => [name, answer === 'open']),
    );

    expect(reached).toEqual({ dbClient: false, mysql: false, api: false, ...each(beyond, false) });
  });

  it('when any podtalk pod asks DNS, then it answers with the Service’s ClusterIP', async () => {
    const expected = [await clusterIP(kube, 'db-client')];

    for (const app of ['api', 'db-client', 'mysql']) {
      const [pod] = await readyPods(kube, app);
      expect(await resolveIn(kube, { pod: pod!.name, name: DB_CLIENT.host }), app).toEqual(
        expected,
      );
    }
  });
});
