import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPeer';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile } from '../../kube/manifests.js';
import {
  containersOf,
  find,
  matches,
  nameOf,
  ofKind,
  selectedWorkloads,
  templateLabels,
  workloads,
} from '../support/rendered.js';

/** kind's own cluster config, which kubernetes-models does not type: the parts read here. */
interface KindCluster {
  nodes: {
    role: string;
    image: string;
    extraPortMappings?: {
      containerPort: number;
      hostPort: number;
      listenAddress: string;
      protocol: string;
    }[];
  }[];
}
const kindCluster = () => parse(readRepoFile('k8s/kind/cluster.yaml')) as KindCluster;

/** What a policy peer names: the workloads its podSelector picks, or another namespace's pods. */
const peer = ({ namespaceSelector, podSelector }: INetworkPolicyPeer) =>
  namespaceSelector
    ? [
        `${namespaceSelector.matchLabels?.['kubernetes.io/metadata.name']}/${podSelector?.matchLabels?.['k8s-app']}`,
      ]
    : selectedWorkloads(podSelector?.matchLabels);

describe('selectors pick exactly the intended pods', () => {
  it.each([
    ['api', ['Deployment/api']],
    ['db-client', ['Deployment/db-client']],
    ['mysql', ['StatefulSet/mysql']],
    ['mysql-headless', ['StatefulSet/mysql']],
  ])('when Service/%s selects pods, then it picks %j', (name, expected) => {
    expect(selectedWorkloads(find('Service', name).spec?.selector)).toEqual(expected);
  });

  it('when a workload or budget selects its pods, then it picks only its own template', () => {
    for (const workload of workloads())
      expect(selectedWorkloads(workload.spec?.selector.matchLabels)).toEqual([nameOf(workload)]);
    for (const name of ['api', 'db-client'])
      expect(
        selectedWorkloads(find('PodDisruptionBudget', name).spec?.selector?.matchLabels),
      ).toEqual([`Deployment/${name}`]);
  });

  it('when network policies allow traffic in, then only api → db-client → mysql, anyone → api http, and the services’ spans → jaeger are open', () => {
    const rules = ofKind('NetworkPolicy')
      .filter((policy) => policy.spec?.policyTypes?.includes('Ingress'))
      .map((policy) => ({
        to: selectedWorkloads(policy.spec?.podSelector.matchLabels),
        from: (policy.spec?.ingress ?? []).map((rule) => rule.from?.flatMap(peer) ?? ['anyone']),
        ports: (policy.spec?.ingress ?? []).flatMap((rule) =>
          (rule.ports ?? []).map((p) => p.port),
        ),
      }));

    expect(rules).toEqual([
      { to: ['Deployment/api'], from: [['anyone']], ports: ['http'] },
      { to: ['Deployment/db-client'], from: [['Deployment/api']], ports: ['http'] },
      {
        to: ['Deployment/api', 'Deployment/db-client', 'Deployment/jaeger', 'StatefulSet/mysql'],
        from: [],
        ports: [],
      },
      {
        to: ['Deployment/jaeger'],
        from: [['Deployment/api', 'Deployment/db-client']],
        ports: ['otlp-http'],
      },
      { to: ['StatefulSet/mysql'], from: [['Deployment/db-client']], ports: ['mysql'] },
    ]);
  });

  it('when network policies allow traffic out, then every pod reaches DNS, and only api → db-client → mysql and their spans → jaeger besides', () => {
    const rules = ofKind('NetworkPolicy')
      .filter((policy) => policy.spec?.policyTypes?.includes('Egress'))
      .map((policy) => ({
        from: selectedWorkloads(policy.spec?.podSelector.matchLabels),
        to: (policy.spec?.egress ?? []).map((rule) => (rule.to ?? []).flatMap(peer)),
        ports: (policy.spec?.egress ?? []).flatMap((rule) =>
          (rule.ports ?? []).map((p) => `${p.protocol ?? 'TCP'}/${p.port}`),
        ),
      }));

    expect(rules).toEqual([
      { from: ['Deployment/api'], to: [['Deployment/db-client']], ports: ['TCP/http'] },
      { from: ['Deployment/api'], to: [['Deployment/jaeger']], ports: ['TCP/otlp-http'] },
      { from: ['Deployment/db-client'], to: [['Deployment/jaeger']], ports: ['TCP/otlp-http'] },
      { from: ['Deployment/db-client'], to: [['StatefulSet/mysql']], ports: ['TCP/mysql'] },
      {
        from: ['Deployment/api', 'Deployment/db-client', 'Deployment/jaeger', 'StatefulSet/mysql'],
        to: [],
        ports: [],
      },
      {
        from: ['Deployment/api', 'Deployment/db-client', 'Deployment/jaeger', 'StatefulSet/mysql'],
        to: [['kube-system/kube-dns']],
        ports: ['UDP/53', 'TCP/53'],
      },
    ]);
  });
});

describe('ports and addresses resolve', () => {
  it('when a Service names a targetPort, then every selected container declares that named port', () => {
    for (const service of ofKind('Service')) {
      for (const port of service.spec?.ports ?? []) {
        expect(typeof port.targetPort, `${nameOf(service)} targets ports by name`).toBe('string');
        for (const workload of workloads().filter((w) =>
          matches(service.spec?.selector, templateLabels(w)),
        )) {
          const names = containersOf(workload).flatMap((c) => (c.ports ?? []).map((p) => p.name));
          expect(names, `${nameOf(service)} → ${nameOf(workload)}`).toContain(port.targetPort);
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
        const env = container.env ?? [];
        for (const variable of env) {
          const match = serviceAddress.exec(variable.value ?? '');
          if (!match?.[1]) continue;
          const [, name, namespace, urlPort] = match;
          // A bare host's port comes from its sibling variable: DB_HOST goes with DB_PORT.
          const sibling = env.find((v) => v.name === variable.name.replace(/_HOST$/, '_PORT'));
          const service = find('Service', name);

          expect(service.metadata?.namespace).toBe(namespace);
          expect(
            service.spec?.ports?.map((p) => p.port),
            `${variable.name}=${variable.value}`,
          ).toContain(Number(urlPort ?? sibling?.value));
          checked.push(`${workload.metadata?.name}:${variable.name}`);
        }
      }
    }
    expect(checked.sort()).toEqual([
      'api:DB_CLIENT_URL',
      'api:OTEL_EXPORTER_OTLP_ENDPOINT',
      'db-client:DB_HOST',
      'db-client:OTEL_EXPORTER_OTLP_ENDPOINT',
    ]);
  });

  it('when kind maps a host port, then it is the api Service NodePort, on loopback', () => {
    const api = find('Service', 'api');
    const mappings = kindCluster().nodes.flatMap((node) => node.extraPortMappings ?? []);

    expect(api.spec?.type).toBe('NodePort');
    expect(mappings).toEqual([
      {
        containerPort: api.spec?.ports?.[0]?.nodePort,
        hostPort: 30080,
        listenAddress: '127.0.0.1',
        protocol: 'TCP',
      },
    ]);
  });

  it('when the kind cluster is defined, then it has one control plane, two workers, and digest-pinned node images', () => {
    const { nodes } = kindCluster();

    expect(nodes.map((n) => n.role)).toEqual(['control-plane', 'worker', 'worker']);
    for (const node of nodes)
      expect(node.image).toMatch(/^kindest\/node:v\d+\.\d+\.\d+@sha256:[0-9a-f]{64}$/);
  });
});
