import * as apps from 'kubernetes-models/apps/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import * as core from 'kubernetes-models/v1';
import type { K8sObject } from '../../kube/manifests.js';

/** The Kubernetes version whose OpenAPI schemas kubernetes-models 4.5.1 was generated from. */
export const SCHEMA_VERSION = 'v1.33.0';

interface ModelClass {
  prototype: { validate(): void };
}

const MODELS: Record<string, ModelClass> = {
  'v1/Namespace': core.Namespace,
  'v1/Service': core.Service,
  'v1/Secret': core.Secret,
  'v1/ConfigMap': core.ConfigMap,
  'apps/v1/Deployment': apps.Deployment,
  'apps/v1/StatefulSet': apps.StatefulSet,
  'policy/v1/PodDisruptionBudget': policy.PodDisruptionBudget,
  'networking.k8s.io/v1/NetworkPolicy': networking.NetworkPolicy,
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Wraps `value` so every property the schema validator reads is recorded. The validator
 * reads each property its schema defines and enumerates only free-form maps (labels,
 * annotations), so a key it never touched is a field the schema does not know.
 */
function watchReads(value: unknown, path: string, known: Set<string>): unknown {
  if (Array.isArray(value)) {
    return new Proxy(value, {
      get(target, key) {
        if (typeof key !== 'string' || !/^\d+$/.test(key)) return Reflect.get(target, key);
        known.add(`${path}[${key}]`);
        return watchReads(target[Number(key)], `${path}[${key}]`, known);
      },
    });
  }
  if (!isPlainObject(value)) return value;
  return new Proxy(value, {
    get(target, key) {
      if (typeof key !== 'string' || !Object.hasOwn(target, key)) return Reflect.get(target, key);
      known.add(`${path}.${key}`);
      return watchReads(target[key], `${path}.${key}`, known);
    },
    ownKeys(target) {
      for (const key of Object.keys(target)) known.add(`${path}.${key}`);
      return Reflect.ownKeys(target);
    },
  });
}

function allKeyPaths(value: unknown, path: string, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item, i) => allKeyPaths(item, `${path}[${i}]`, out));
  else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      out.push(`${path}.${key}`);
      allKeyPaths(child, `${path}.${key}`, out);
    }
  }
  return out;
}

/**
 * Validates one object against the pinned OpenAPI schema, strictly: a wrong type, a missing
 * required field or an unknown (say, misspelled) field is an error. Returns the problems.
 */
export function validateObject(object: K8sObject): string[] {
  const model = MODELS[`${object.apiVersion}/${object.kind}`];
  const name = `${object.kind}/${object.metadata.name}`;
  if (!model) return [`${name}: no schema for ${object.apiVersion} ${object.kind}`];
  const known = new Set<string>();
  const problems: string[] = [];
  try {
    model.prototype.validate.call(watchReads(object, '', known));
  } catch (error) {
    problems.push(`${name}: ${(error as Error).message}`);
  }
  for (const path of allKeyPaths(object, '')) {
    const parent = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    // Report only the outermost unknown key, not everything beneath it.
    if (!known.has(path) && (parent === '' || known.has(parent))) {
      problems.push(`${name}: unknown field ${path.slice(1)}`);
    }
  }
  return problems;
}
