import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import {
  isWorkload,
  renderKindOverlay,
  type K8sObject,
  type Workload,
} from '../../kube/manifests.js';

/** What `kubectl apply -k k8s/overlays/kind` would send, rendered once per test file. */
export const objects = renderKindOverlay();

export const nameOf = (object: { kind: string; metadata?: { name?: string } }) =>
  `${object.kind}/${object.metadata?.name ?? ''}`;

/** The one object of this kind and name; its type follows from the kind. */
export function find<K extends K8sObject['kind']>(kind: K, name: string) {
  const found = objects.find((o) => o.kind === kind && o.metadata?.name === name);
  if (!found) throw new Error(`${kind}/${name} is not in the render`);
  return found as Extract<K8sObject, { kind: K }>;
}

export const ofKind = <K extends K8sObject['kind']>(kind: K) =>
  objects.filter((o): o is Extract<K8sObject, { kind: K }> => o.kind === kind);

export const workloads = (): Workload[] => objects.filter(isWorkload);

export function podSpecOf(workload: Workload): IPodSpec {
  const spec = workload.spec?.template.spec;
  if (!spec) throw new Error(`${nameOf(workload)} has no pod template`);
  return spec;
}

export const containersOf = (workload: Workload): IContainer[] => podSpecOf(workload).containers;

export const templateLabels = (workload: Workload) =>
  workload.spec?.template.metadata?.labels ?? {};

export const matches = (
  selector: Record<string, string> = {},
  labels: Record<string, string> = {},
) => Object.entries(selector).every(([key, value]) => labels[key] === value);

/** Which workloads' pods a label selector picks, by kind and name. */
export const selectedWorkloads = (selector?: Record<string, string>) =>
  workloads()
    .filter((w) => matches(selector, templateLabels(w)))
    .map(nameOf);

/** A variable of the container's env, by name. */
export const envValue = (container: IContainer, name: string) =>
  container.env?.find((variable) => variable.name === name)?.value;
