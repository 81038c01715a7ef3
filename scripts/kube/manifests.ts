import { execaSync } from 'execa';
import { readFileSync } from 'node:fs';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../lib/paths.js';

/** A rendered Kubernetes object, loosely typed: the tests check its shape themselves. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped YAML; see Workload for typed reads
export type K8sObject = Record<string, any> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

function kubectl(args: string[]): string {
  const result = execaSync('kubectl', args, { cwd: REPO_ROOT, reject: false });
  if (result.code === 'ENOENT') {
    throw new Error(
      'kubectl is not installed, and it renders the manifests (kubectl kustomize). ' +
        'Install it: https://kubernetes.io/docs/tasks/tools/',
    );
  }
  if (result.failed) throw new Error(`kubectl ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

/** What `kubectl apply -k k8s/overlays/kind` would send, as objects. */
export function renderKindOverlay(): K8sObject[] {
  return parseYamlDocuments(kubectl(['kustomize', 'k8s/overlays/kind']));
}

export function parseYamlDocuments(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((doc): doc is K8sObject => doc !== null);
}

export const readRepoFile = (path: string) => readFileSync(`${REPO_ROOT}${path}`, 'utf8');

/** A Deployment or StatefulSet as rendered, typed by kubernetes-models. */
export type Workload = IDeployment | IStatefulSet;

/** The Deployment or StatefulSet with this name; throws when the render has none. */
export function findWorkload(objects: K8sObject[], name: string): Workload {
  const found = objects.find(
    (o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === name,
  );
  if (!found) throw new Error(`no Deployment or StatefulSet named ${name} in the render`);
  return found as Workload;
}
