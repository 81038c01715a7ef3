import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRepoFile, type K8sObject } from '../../kube/manifests.js';
import { find, nameOf, objects, templateLabels, workloads } from '../support/rendered.js';
import { SCHEMA_VERSION, validateObject } from '../support/schema-validation.js';

describe('the kind overlay renders into valid Kubernetes objects', () => {
  it('when rendered, then it holds exactly the objects podtalk needs', () => {
    expect(objects.map(nameOf).sort()).toEqual([
      expect.stringMatching(/^ConfigMap\/jaeger-[a-z0-9]{10}$/),
      'Deployment/api',
      'Deployment/db-client',
      'Deployment/jaeger',
      'Namespace/podtalk',
      'NetworkPolicy/api-http-from-anywhere',
      'NetworkPolicy/api-to-db-client',
      'NetworkPolicy/api-to-jaeger',
      'NetworkPolicy/db-client-from-api',
      'NetworkPolicy/db-client-to-jaeger',
      'NetworkPolicy/db-client-to-mysql',
      'NetworkPolicy/default-deny',
      'NetworkPolicy/dns-egress',
      'NetworkPolicy/jaeger-from-services',
      'NetworkPolicy/mysql-from-db-client',
      'PodDisruptionBudget/api',
      'PodDisruptionBudget/db-client',
      'Service/api',
      'Service/db-client',
      'Service/jaeger',
      'Service/mysql',
      'Service/mysql-headless',
      'StatefulSet/mysql',
    ]);
  });

  // Types and required fields only: unknown fields are the API server's to refuse (e2e 19).
  it(`when validated against the Kubernetes ${SCHEMA_VERSION} OpenAPI schemas, then nothing is wrong`, () => {
    expect(objects.flatMap(validateObject)).toEqual([]);
  });

  it('when namespaced, then everything is in podtalk', () => {
    const namespaced = objects.filter((o) => o.kind !== 'Namespace');

    expect(new Set(namespaced.map((o) => o.metadata?.namespace))).toEqual(new Set(['podtalk']));
  });

  it('when labels are set, then every object carries the recommended app.kubernetes.io labels', () => {
    for (const object of objects)
      expect(object.metadata?.labels?.['app.kubernetes.io/part-of'], nameOf(object)).toBe(
        'podtalk',
      );
    for (const workload of workloads()) {
      expect(Object.keys(templateLabels(workload)).sort()).toEqual([
        'app.kubernetes.io/component',
        'app.kubernetes.io/instance',
        'app.kubernetes.io/managed-by',
        'app.kubernetes.io/name',
        'app.kubernetes.io/part-of',
      ]);
    }
  });

  it('when deploy:kind applies namespace.yaml before the overlay, then both describe the same Namespace', () => {
    const early = parse(readRepoFile('k8s/base/namespace.yaml')) as K8sObject;

    expect(find('Namespace', 'podtalk')).toEqual(early);
  });

  it('when the namespace is created, then it enforces the restricted Pod Security Standard', () => {
    expect(find('Namespace', 'podtalk').metadata?.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
    });
  });
});
