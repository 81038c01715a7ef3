import { execaSync } from 'execa';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { benchKustomization } from '../bench/kind/bench-overlay.js';
import { parseYamlDocuments, type K8sObject } from '../kube/manifests.js';
import { REPO_ROOT } from '../lib/paths.js';

// A folder of this test's own under k8s/, so kustomize's relative paths work and nothing is shared.
const DIR = `k8s/.test-${randomBytes(4).toString('hex')}`;
afterAll(() => rmSync(`${REPO_ROOT}${DIR}`, { recursive: true, force: true }));

const write = (folder: string, kustomization: object) => {
  mkdirSync(`${REPO_ROOT}${DIR}/${folder}`, { recursive: true });
  writeFileSync(`${REPO_ROOT}${DIR}/${folder}/kustomization.yaml`, stringify(kustomization));
};
const render = (folder: string) =>
  parseYamlDocuments(
    execaSync('kubectl', ['kustomize', `${DIR}/${folder}`], { cwd: REPO_ROOT }).stdout,
  );
/** A Deployment of the render, and its one container. */
function deployment(objects: K8sObject[], name: string) {
  const found = objects.find((o) => o.kind === 'Deployment' && o.metadata?.name === name);
  if (found?.kind !== 'Deployment') throw new Error(`no Deployment ${name}`);
  return { deployment: found, container: found.spec?.template.spec?.containers[0] };
}

describe('the bench’s shape, as a kustomize overlay', () => {
  it('when rendered on the deployed state, then only the api’s CPU and Service selector and db-client’s replicas, CPU and node change', () => {
    // What pnpm deploy:kind writes: the kind overlay with this deploy's tags.
    write('deploy', {
      resources: ['../../overlays/kind'],
      images: [
        { name: 'podtalk/api', newTag: 'aaaaaaaaaaaa' },
        { name: 'podtalk/db-client', newTag: 'bbbbbbbbbbbb' },
      ],
    });
    write(
      'bench',
      benchKustomization({ apiCpu: '100m', dbClientReplicas: 1, dbClientCpu: '200m' }, '../deploy'),
    );

    const [deployed, benched] = [render('deploy'), render('bench')];
    const api = deployment(benched, 'api');
    const dbClient = deployment(benched, 'db-client');

    expect(api.container?.resources).toEqual({
      requests: { cpu: '100m', memory: '96Mi', 'ephemeral-storage': '32Mi' },
      limits: { cpu: '100m', memory: '192Mi', 'ephemeral-storage': '128Mi' },
    });
    expect(api.container?.image).toBe('podtalk/api:aaaaaaaaaaaa');
    expect(dbClient.deployment.spec?.replicas).toBe(1);
    expect(dbClient.container?.resources?.limits?.cpu).toBe('200m');
    // Away from every api pod, so each reaches it across nodes alike.
    expect(dbClient.deployment.spec?.template.spec?.nodeSelector).toEqual({
      'node-role.kubernetes.io/control-plane': '',
    });
    expect(dbClient.deployment.spec?.template.spec?.tolerations).toEqual([
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    // The Service selects only the pods the bench labels as serving.
    const service = benched.find((o) => o.kind === 'Service' && o.metadata?.name === 'api');
    expect(service?.kind === 'Service' && service.spec?.selector).toEqual({
      'app.kubernetes.io/name': 'api',
      'app.kubernetes.io/instance': 'podtalk',
      'podtalk.dev/bench-serving': 'yes',
    });
    // Everything else is the deployed state, untouched.
    const strip = (o: K8sObject) => {
      const copy = structuredClone(o);
      if (copy.kind === 'Service' && copy.spec?.selector)
        delete copy.spec.selector['podtalk.dev/bench-serving'];
      if (copy.kind === 'Deployment' && copy.spec) {
        delete copy.spec.replicas;
        const pod = copy.spec.template.spec;
        if (pod) {
          delete pod.nodeSelector;
          delete pod.tolerations;
        }
        const [container] = pod?.containers ?? [];
        if (container) delete container.resources;
      }
      return copy;
    };
    expect(benched.map(strip)).toEqual(deployed.map(strip));
    expect(deployment(deployed, 'api').deployment.spec?.replicas).toBe(3);
  });
});
