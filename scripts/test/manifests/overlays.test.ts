import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readRepoFile, render, type K8sObject } from '../../kube/manifests.js';
import { REPO_ROOT } from '../../lib/paths.js';
import { nameOf } from '../support/rendered.js';
import { validateObject } from '../support/schema-validation.js';

const OVERLAYS = ['k8s/overlays/kind', 'k8s/overlays/cluster'] as const;
const rendered = Object.fromEntries(OVERLAYS.map((dir) => [dir, render(dir)])) as Record<
  (typeof OVERLAYS)[number],
  K8sObject[]
>;
const api = (objects: K8sObject[]) =>
  objects.find(
    (o): o is Extract<K8sObject, { kind: 'Service' }> =>
      o.kind === 'Service' && o.metadata?.name === 'api',
  );

// Words that assume a kind cluster on this machine, in a value or in a comment.
const KIND_WORDS = /\bkind\b|local-path|localhost|kube-router|30080|loaded into the nodes/i;

/** What works only on a kind cluster on this machine, as found in one rendered object. */
function kindOnly(object: K8sObject): string[] {
  const text = JSON.stringify(object);
  return [
    ...(text.includes('"nodePort"') ? ['a fixed nodePort'] : []),
    ...(text.includes('"type":"NodePort"') ? ['a NodePort Service'] : []),
    ...(text.includes('"imagePullPolicy":"Never"') ? ['imagePullPolicy Never'] : []),
    ...(KIND_WORDS.test(text.replace(/"kind":"\w+"/g, '')) ? ['a word that assumes kind'] : []),
  ].map((finding) => `${nameOf(object)}: ${finding}`);
}

describe('one set of manifests, two overlays', () => {
  it.each(OVERLAYS)(
    'when %s is rendered, then every object is valid and the same set of objects',
    (dir) => {
      expect(rendered[dir].flatMap(validateObject)).toEqual([]);
      expect(rendered[dir].map(nameOf).sort()).toEqual(
        rendered['k8s/overlays/kind'].map(nameOf).sort(),
      );
    },
  );

  it('when the base is rendered on its own, then nothing in it works only on kind', () => {
    expect(render('k8s/base').flatMap(kindOnly)).toEqual([]);
  });

  it('when the base’s files are read, comments included, then none assumes kind', () => {
    const files = readdirSync(`${REPO_ROOT}k8s/base`, { recursive: true, encoding: 'utf8' }).filter(
      (f) => f.endsWith('.yaml'),
    );
    const assuming = files.flatMap((file) =>
      readRepoFile(`k8s/base/${file}`)
        .split('\n')
        .filter((line) => !/^\s*kind: \w+$/.test(line) && KIND_WORDS.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );

    expect(assuming).toEqual([]);
  });

  it('when the cluster overlay is rendered, then nothing in it works only on kind, and the api is a LoadBalancer', () => {
    expect(rendered['k8s/overlays/cluster'].flatMap(kindOnly)).toEqual([]);
    expect(api(rendered['k8s/overlays/cluster'])?.spec?.type).toBe('LoadBalancer');
  });

  it('when the kind overlay is rendered, then the api is a NodePort on 30080, which kind maps to localhost', () => {
    expect(api(rendered['k8s/overlays/kind'])?.spec).toMatchObject({
      type: 'NodePort',
      ports: [{ name: 'http', port: 80, nodePort: 30080 }],
    });
  });
});
