import { readFileSync } from 'node:fs';
import { runSync } from '@podtalk/cluster-kit';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IService } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../lib/paths.js';

/** Everything podtalk runs lives in one namespace. */
export const NAMESPACE = 'podtalk';

/**
 * One object of podtalk's manifests, typed by kubernetes-models and told apart by its kind.
 * The YAML is read as these types; the manifests' tests check that it really is.
 */
export type K8sObject =
  INamespace | IService | IDeployment | IStatefulSet | IPodDisruptionBudget | INetworkPolicy;

/** What `kubectl apply -k <dir>` would send, as objects: `k8s/overlays/kind`, say. */
export function render(dir: string): K8sObject[] {
  const rendered = runSync(['kubectl', 'kustomize', dir], { cwd: REPO_ROOT });
  if (rendered.code === 127)
    throw new Error(
      'kubectl is not installed, and it renders the manifests (kubectl kustomize). ' +
        'Install it: https://kubernetes.io/docs/tasks/tools/',
    );
  if (rendered.code !== 0) throw new Error(`kubectl kustomize ${dir} failed:\n${rendered.stderr}`);
  return parseYamlDocuments(rendered.stdout);
}

/** The kind overlay, as pnpm deploy:kind applies it (its images by tag, before a deploy pins them). */
export const renderKindOverlay = () => render('k8s/overlays/kind');

export function parseYamlDocuments(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((doc): doc is K8sObject => doc !== null);
}

export const readRepoFile = (path: string) => readFileSync(`${REPO_ROOT}${path}`, 'utf8');

/** A Deployment or StatefulSet as rendered, typed by kubernetes-models. */
export type Workload = IDeployment | IStatefulSet;

export const isWorkload = (object: K8sObject): object is Workload =>
  object.kind === 'Deployment' || object.kind === 'StatefulSet';

/** The Deployment or StatefulSet with this name; throws when the render has none. */
export function findWorkload(objects: K8sObject[], name: string): Workload {
  const found = objects.filter(isWorkload).find((o) => o.metadata?.name === name);
  if (!found) throw new Error(`no Deployment or StatefulSet named ${name} in the render`);
  return found;
}
