import * as apps from 'kubernetes-models/apps/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';

/** The Kubernetes version whose OpenAPI schemas kubernetes-models 4.5.1 was generated from. */
export const SCHEMA_VERSION = 'v1.33.0';

/** Any parsed manifest, right or wrong: the schema decides. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}

/** A kubernetes-models class: built from a plain object, it checks itself against its schema. */
type Model = new (data: never) => { validate(): void };

const MODELS: Record<string, Model> = {
  'v1/Namespace': core.Namespace,
  'v1/Service': core.Service,
  'v1/Secret': core.Secret,
  'v1/ConfigMap': core.ConfigMap,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
};

/**
 * Validates one object against the pinned OpenAPI schema with kubernetes-models' own
 * validate(): a wrong type or a missing required field is a problem. Its schemas allow fields
 * they do not define, so an unknown (say, misspelled) field passes here: that is the API
 * server's to refuse, and it does, since the deploy applies with --validate=strict (e2e 19).
 */
export function validateObject(object: Manifest): string[] {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  const name = `${object.kind}/${object.metadata?.name ?? ''}`;
  if (!Model) return [`${name}: no schema for ${object.apiVersion} ${object.kind}`];
  try {
    new Model(object as never).validate();
    return [];
  } catch (error) {
    return [`${name}: ${(error as Error).message}`];
  }
}
