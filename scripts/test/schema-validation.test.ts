import { describe, expect, it } from 'vitest';
import { validateObject } from './support/schema-validation.js';

const deployment = () => ({
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
    const object = { ...deployment(), spec: { ...deployment().spec, replcias: 3 } };

    expect(validateObject(object)).toEqual([]);
  });

  it('when a field has the wrong type or a required field is missing, then the schema says so', () => {
    const spec: Record<string, unknown> = { ...deployment().spec, replicas: 'three' };
    delete spec.selector;

    const object = { ...deployment(), spec };

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
