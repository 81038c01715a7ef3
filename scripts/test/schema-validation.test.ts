import { describe, expect, it } from 'vitest';
import { validateObject } from './support/schema-validation.js';
import type { K8sObject } from '../kube/manifests.js';

const deployment = (): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx:1.27.0', ports: [{ containerPort: 80 }] }],
      },
    },
  },
});

describe('strict schema validation', () => {
  it('when an object matches the schema, then there are no problems', () => {
    expect(validateObject(deployment())).toEqual([]);
  });

  it('when a field is misspelled, then offline validation cannot tell: the API server refuses it (e2e 19)', () => {
    const object = deployment();
    object.spec.replcias = 3;

    expect(validateObject(object)).toEqual([]);
  });

  it('when a field has the wrong type or a required field is missing, then the schema says so', () => {
    const object = deployment();
    object.spec.replicas = 'three';
    delete object.spec.selector;

    const problems = validateObject(object);

    expect(problems.join('\n')).toMatch(/replicas/);
    expect(problems.join('\n')).toMatch(/selector/);
  });

  it('when a kind has no schema here, then that is a problem, not a silent pass', () => {
    expect(
      validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }),
    ).toEqual(['Widget/w: no schema for example.com/v1 Widget']);
  });
});
