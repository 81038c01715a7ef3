import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { restrictedViolations } from './support/pod-security.js';
import { readRepoFile, renderKindOverlay, type K8sObject } from '../kube/manifests.js';
import { SCHEMA_VERSION, validateObject } from './support/schema-validation.js';

let objects: K8sObject[];
beforeAll(() => {
  objects = renderKindOverlay();
});

const find = (kind: string, name: string) => {
  const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!object) throw new Error(`${kind}/${name} is not in the render`);
  return object;
};
const workloads = () => objects.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
const containersOf = (workload: K8sObject): Record<string, any>[] =>
  workload.spec.template.spec.containers;
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([key, value]) => labels[key] === value);
/** Which workloads' pods a label selector picks. */
const selectedWorkloads = (selector: Record<string, string>) =>
  workloads()
    .filter((w) => matches(selector, w.spec.template.metadata.labels))
    .map((w) => `${w.kind}/${w.metadata.name}`);

describe('the kind overlay renders into valid Kubernetes objects', () => {
  it('when rendered, then it holds exactly the objects podtalk needs', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'Deployment/api',
      'Deployment/db-client',
      'Namespace/podtalk',
      'NetworkPolicy/api-http-from-anywhere',
      'NetworkPolicy/api-to-db-client',
      'NetworkPolicy/db-client-from-api',
      'NetworkPolicy/db-client-to-mysql',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/dns-egress',
      'NetworkPolicy/mysql-from-db-client',
      'PodDisruptionBudget/api',
      'PodDisruptionBudget/db-client',
      'Service/api',
      'Service/db-client',
      'Service/mysql',
      'Service/mysql-headless',
      'StatefulSet/mysql',
    ]);
  });

  it(`when validated strictly against the Kubernetes ${SCHEMA_VERSION} OpenAPI schemas, then nothing is wrong or unknown`, () => {
    expect(objects.flatMap(validateObject)).toEqual([]);
  });

  it('when namespaced, then everything is in podtalk', () => {
    const namespaced = objects.filter((o) => o.kind !== 'Namespace');
    expect(new Set(namespaced.map((o) => o.metadata.namespace))).toEqual(new Set(['podtalk']));
  });
});

describe('selectors pick exactly the intended pods', () => {
  it.each([
    ['Service', 'api', ['Deployment/api']],
    ['Service', 'db-client', ['Deployment/db-client']],
    ['Service', 'mysql', ['StatefulSet/mysql']],
    ['Service', 'mysql-headless', ['StatefulSet/mysql']],
  ])('when %s/%s selects pods, then it picks %j', (kind, name, expected) => {
    expect(selectedWorkloads(find(kind, name).spec.selector)).toEqual(expected);
  });

  it('when a workload or budget selects its pods, then it picks only its own template', () => {
    for (const workload of workloads()) {
      expect(selectedWorkloads(workload.spec.selector.matchLabels)).toEqual([
        `${workload.kind}/${workload.metadata.name}`,
      ]);
    }
    for (const name of ['api', 'db-client'])
      expect(
        selectedWorkloads(find('PodDisruptionBudget', name).spec.selector.matchLabels),
      ).toEqual([`Deployment/${name}`]);
  });

  it('when network policies allow traffic in, then only api → db-client → mysql and anyone → api http are open', () => {
    const rules = objects
      .filter((o) => o.kind === 'NetworkPolicy' && o.spec.policyTypes.includes('Ingress'))
      .map((policy) => ({
        to: selectedWorkloads(policy.spec.podSelector.matchLabels ?? {}),
        from: (policy.spec.ingress ?? []).map((rule: Record<string, any>) =>
          rule.from
            ? rule.from.flatMap((peer: Record<string, any>) =>
                selectedWorkloads(peer.podSelector.matchLabels),
              )
            : ['anyone'],
        ),
        ports: (policy.spec.ingress ?? []).flatMap((rule: Record<string, any>) =>
          (rule.ports ?? []).map((p: Record<string, any>) => p.port),
        ),
      }));

    expect(rules).toEqual([
      { to: ['Deployment/api'], from: [['anyone']], ports: ['http'] },
      { to: ['Deployment/db-client'], from: [['Deployment/api']], ports: ['http'] },
      {
        to: ['Deployment/api', 'Deployment/db-client', 'StatefulSet/mysql'],
        from: [],
        ports: [],
      },
      { to: ['StatefulSet/mysql'], from: [['Deployment/db-client']], ports: ['mysql'] },
    ]);
  });

  it('when network policies allow traffic out, then every pod reaches DNS, and only api → db-client → mysql besides', () => {
    const rules = objects
      .filter((o) => o.kind === 'NetworkPolicy' && o.spec.policyTypes.includes('Egress'))
      .map((policy) => ({
        from: selectedWorkloads(policy.spec.podSelector.matchLabels ?? {}),
        to: (policy.spec.egress ?? []).map((rule: Record<string, any>) =>
          rule.to.flatMap((peer: Record<string, any>) =>
            peer.namespaceSelector
              ? [
                  `${peer.namespaceSelector.matchLabels['kubernetes.io/metadata.name']}/${peer.podSelector.matchLabels['k8s-app']}`,
                ]
              : selectedWorkloads(peer.podSelector.matchLabels),
          ),
        ),
        ports: (policy.spec.egress ?? []).flatMap((rule: Record<string, any>) =>
          (rule.ports ?? []).map((p: Record<string, any>) => `${p.protocol ?? 'TCP'}/${p.port}`),
        ),
      }));

    expect(rules).toEqual([
      { from: ['Deployment/api'], to: [['Deployment/db-client']], ports: ['TCP/http'] },
      { from: ['Deployment/db-client'], to: [['StatefulSet/mysql']], ports: ['TCP/mysql'] },
      {
        from: ['Deployment/api', 'Deployment/db-client', 'StatefulSet/mysql'],
        to: [],
        ports: [],
      },
      {
        from: ['Deployment/api', 'Deployment/db-client', 'StatefulSet/mysql'],
        to: [['kube-system/kube-dns']],
        ports: ['UDP/53', 'TCP/53'],
      },
    ]);
  });

  it('when labels are set, then every object carries the recommended app.kubernetes.io labels', () => {
    for (const object of objects) {
      expect(
        object.metadata.labels?.['app.kubernetes.io/part-of'],
        `${object.kind}/${object.metadata.name}`,
      ).toBe('podtalk');
    }
    for (const workload of workloads()) {
      expect(Object.keys(workload.spec.template.metadata.labels).sort()).toEqual([
        'app.kubernetes.io/component',
        'app.kubernetes.io/instance',
        'app.kubernetes.io/managed-by',
        'app.kubernetes.io/name',
        'app.kubernetes.io/part-of',
      ]);
    }
  });
});

describe('ports and addresses resolve', () => {
  it('when a Service names a targetPort, then every selected container declares that named port', () => {
    for (const service of objects.filter((o) => o.kind === 'Service')) {
      for (const port of service.spec.ports) {
        expect(typeof port.targetPort, `${service.metadata.name} targets ports by name`).toBe(
          'string',
        );
        for (const workload of workloads().filter((w) =>
          matches(service.spec.selector, w.spec.template.metadata.labels),
        )) {
          const names = containersOf(workload).flatMap((c) =>
            (c.ports ?? []).map((p: Record<string, any>) => p.name),
          );
          expect(names, `${service.metadata.name} → ${workload.metadata.name}`).toContain(
            port.targetPort,
          );
        }
      }
    }
  });

  it('when an env var names a Service by DNS, then that Service and port exist in the render', () => {
    const serviceAddress =
      /^(?:https?:\/\/)?([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local(?::(\d+))?/;
    const checked: string[] = [];
    for (const workload of workloads()) {
      for (const container of containersOf(workload)) {
        const env: Record<string, any>[] = container.env ?? [];
        for (const variable of env) {
          const match = serviceAddress.exec(String(variable.value ?? ''));
          if (!match) continue;
          const [, name, namespace, urlPort] = match;
          // A bare host's port comes from its sibling variable: DB_HOST goes with DB_PORT.
          const sibling = env.find(
            (v) => v.name === String(variable.name).replace(/_HOST$/, '_PORT'),
          )?.value;
          const port = Number(urlPort ?? sibling);
          const service = find('Service', name!);
          expect(service.metadata.namespace).toBe(namespace);
          expect(
            service.spec.ports.map((p: Record<string, any>) => p.port),
            `${variable.name}=${variable.value}`,
          ).toContain(port);
          checked.push(`${workload.metadata.name}:${variable.name}`);
        }
      }
    }
    expect(checked.sort()).toEqual(['api:DB_CLIENT_URL', 'db-client:DB_HOST']);
  });

  it('when kind maps a host port, then it is the api Service NodePort, on loopback', () => {
    const cluster = parse(readRepoFile('k8s/kind/cluster.yaml')) as Record<string, any>;
    const mappings = cluster.nodes.flatMap(
      (node: Record<string, any>) => node.extraPortMappings ?? [],
    );

    expect(find('Service', 'api').spec.type).toBe('NodePort');
    expect(mappings).toEqual([
      {
        containerPort: find('Service', 'api').spec.ports[0].nodePort,
        hostPort: 30080,
        listenAddress: '127.0.0.1',
        protocol: 'TCP',
      },
    ]);
  });

  it('when the kind cluster is defined, then it has one control plane, two workers, and digest-pinned node images', () => {
    const cluster = parse(readRepoFile('k8s/kind/cluster.yaml')) as Record<string, any>;

    expect(cluster.nodes.map((n: Record<string, any>) => n.role)).toEqual([
      'control-plane',
      'worker',
      'worker',
    ]);
    for (const node of cluster.nodes)
      expect(node.image).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });
});

describe('workloads are production-shaped', () => {
  it('when counted, then api runs 3 replicas, db-client 2 and mysql exactly 1', () => {
    expect(find('Deployment', 'api').spec.replicas).toBe(3);
    expect(find('Deployment', 'db-client').spec.replicas).toBe(2);
    expect(find('StatefulSet', 'mysql').spec.replicas).toBe(1);
  });

  it('when the single MySQL pod is counted, then no disruption budget guards it, so a drain is never blocked', () => {
    const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');

    expect(
      budgets.map((b) => b.spec.selector.matchLabels['app.kubernetes.io/name']).sort(),
    ).toEqual(['api', 'db-client']);
  });

  it('when a container is defined, then it has readiness and liveness probes and cpu, memory and ephemeral-storage requests and limits', () => {
    for (const workload of workloads()) {
      for (const container of containersOf(workload)) {
        const where = `${workload.metadata.name}/${container.name}`;
        expect(container.readinessProbe, where).toBeDefined();
        expect(container.livenessProbe, where).toBeDefined();
        expect(container.startupProbe, where).toBeDefined();
        for (const kind of ['requests', 'limits']) {
          expect(Object.keys(container.resources?.[kind] ?? {}).sort(), `${where} ${kind}`).toEqual(
            ['cpu', 'ephemeral-storage', 'memory'],
          );
        }
      }
    }
  });

  it('when pods are checked as Pod Security Admission would, then every pod passes the restricted profile', () => {
    for (const workload of workloads()) {
      const spec = workload.spec.template.spec;
      expect(restrictedViolations(spec), workload.metadata.name).toEqual([]);
      expect(spec.automountServiceAccountToken, workload.metadata.name).toBe(false);
      for (const container of containersOf(workload)) {
        expect(container.securityContext.readOnlyRootFilesystem, container.name).toBe(true);
      }
    }
  });

  it('when deploy:kind applies namespace.yaml before the overlay, then both describe the same Namespace', () => {
    const early = parse(readRepoFile('k8s/base/namespace.yaml')) as K8sObject;

    expect(find('Namespace', 'podtalk')).toEqual(early);
  });

  it('when the namespace is created, then it enforces the restricted Pod Security Standard', () => {
    expect(find('Namespace', 'podtalk').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });

  it('when images are named, then each has an explicit tag that is not latest, and ours are never pulled', () => {
    for (const workload of workloads()) {
      for (const container of containersOf(workload)) {
        expect(container.image).toMatch(/^[^:@]+(:[\w.-]+)$/);
        expect(container.image).not.toMatch(/:latest$/);
        if (String(container.image).startsWith('podtalk/'))
          expect(container.imagePullPolicy).toBe('Never');
      }
    }
    expect(find('StatefulSet', 'mysql').spec.template.spec.containers[0].image).toMatch(
      /^mysql:8\.4\.\d+$/,
    );
  });

  it('when credentials are needed, then they come from a Secret that is referenced, never committed', () => {
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const secretVolumes = workloads().flatMap((w) =>
      (w.spec.template.spec.volumes ?? [])
        .filter((v: Record<string, any>) => v.secret)
        .map((v: Record<string, any>) => `${w.metadata.name}:${v.secret.secretName}`),
    );

    expect(secretVolumes.sort()).toEqual(['db-client:mysql', 'mysql:mysql']);
  });

  it('when a password reaches a container, then it is a read-only file, never an environment variable', () => {
    const files: string[] = [];
    for (const workload of workloads()) {
      const spec = workload.spec.template.spec;
      for (const container of containersOf(workload)) {
        const where = `${workload.metadata.name}/${container.name}`;
        for (const variable of container.env ?? []) {
          expect(variable.valueFrom?.secretKeyRef, `${where} ${variable.name}`).toBeUndefined();
          expect(variable.name, where).not.toMatch(/PASSWORD$|PWD$/);
          if (String(variable.name).endsWith('_FILE')) files.push(`${where} ${variable.value}`);
        }
        for (const mount of container.volumeMounts ?? []) {
          const volume = spec.volumes.find((v: Record<string, any>) => v.name === mount.name);
          // The data volume comes from a claim template, not spec.volumes.
          if (volume?.secret) expect(mount.readOnly, `${where} ${mount.mountPath}`).toBe(true);
        }
      }
    }

    expect(files.sort()).toEqual([
      'db-client/db-client /run/secrets/mysql/password',
      'mysql/mysql /run/secrets/mysql/password',
      'mysql/mysql /run/secrets/mysql/root-password',
    ]);
  });

  it('when db-client mounts the Secret, then it gets the app user’s password and not root’s', () => {
    const volume = find('Deployment', 'db-client').spec.template.spec.volumes.find(
      (v: Record<string, any>) => v.secret,
    );

    expect(volume.secret.items).toEqual([{ key: 'password', path: 'password' }]);
  });

  it('when a pod has an emptyDir, then its size is bounded', () => {
    for (const workload of workloads()) {
      for (const volume of workload.spec.template.spec.volumes ?? []) {
        if ('emptyDir' in volume)
          expect(volume.emptyDir.sizeLimit, `${workload.metadata.name}/${volume.name}`).toMatch(
            /^\d+Mi$/,
          );
      }
    }
  });

  it('when a Node.js container has a memory limit, then NODE_OPTIONS caps its heap at half of it', () => {
    for (const name of ['api', 'db-client']) {
      const container = containersOf(find('Deployment', name))[0]!;
      const options = container.env.find((v: Record<string, any>) => v.name === 'NODE_OPTIONS');
      const oldSpaceMb = Number(/--max-old-space-size=(\d+)/.exec(options?.value ?? '')?.[1]);
      const limitMb = Number(/^(\d+)Mi$/.exec(container.resources.limits.memory)?.[1]);

      expect(oldSpaceMb, name).toBeGreaterThan(0);
      expect(oldSpaceMb, name).toBeLessThanOrEqual(limitMb / 2);
    }
  });

  it('when pods shut down, then the grace period covers the preStop pause plus the app’s shutdown timeout', () => {
    for (const name of ['api', 'db-client']) {
      const spec = find('Deployment', name).spec.template.spec;
      const container = spec.containers[0];
      const env = (key: string) =>
        Number(container.env.find((v: Record<string, any>) => v.name === key).value);
      const preStopSeconds = Number(container.lifecycle.preStop.sleep.seconds);

      expect(spec.terminationGracePeriodSeconds, name).toBeGreaterThan(
        preStopSeconds + env('SHUTDOWN_TIMEOUT_MS') / 1000,
      );
      expect(env('SHUTDOWN_DELAY_MS'), name).toBeLessThan(env('SHUTDOWN_TIMEOUT_MS'));
    }
  });

  it('when the api rolls out, then it never drops below 3 ready pods and spreads over nodes', () => {
    const api = find('Deployment', 'api');

    expect(api.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
    expect(api.spec.template.spec.topologySpreadConstraints[0]).toMatchObject({
      topologyKey: 'kubernetes.io/hostname',
      maxSkew: 1,
    });
    expect(find('Service', 'api').spec.ports.map((p: Record<string, any>) => p.targetPort)).toEqual(
      ['http'],
    );
  });
});
