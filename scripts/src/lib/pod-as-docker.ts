import type { ContainerSpec, Workload } from './manifests.js';

// A pod template translated to `docker run` flags, so pnpm test:images runs each image
// the way its pod would: same user, read-only root, no capabilities, same env.

export const podOf = (workload: Workload) => workload.spec.template.spec;
export function containerOf(workload: Workload): ContainerSpec {
  const [container] = podOf(workload).containers;
  if (!container) throw new Error(`${workload.metadata.name} has no container`);
  return container;
}

/** The container's env as the kubelet fills it: literals, Downward API fields, Secret keys. */
export function envOf(
  workload: Workload,
  container: string,
  secrets: Record<string, string>,
): string[] {
  const downward: Record<string, string> = {
    'metadata.name': container,
    'metadata.namespace': 'podtalk',
    'spec.nodeName': 'docker',
  };
  return (containerOf(workload).env ?? []).flatMap((variable) => {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    const key = variable.valueFrom?.secretKeyRef?.key;
    const value =
      variable.value ??
      (key === undefined ? undefined : secrets[key]) ??
      (field ? downward[field] : undefined);
    return value === undefined ? [] : ['--env', `${variable.name}=${value}`];
  });
}

/** The pod's security context, as docker run flags. */
export function securityFlags(workload: Workload): string[] {
  const { runAsUser, runAsGroup } = podOf(workload).securityContext;
  const container = containerOf(workload);
  const flags = ['--user', `${runAsUser}:${runAsGroup}`, '--cap-drop', 'ALL'];
  flags.push('--security-opt', 'no-new-privileges');
  if (container.securityContext?.readOnlyRootFilesystem) flags.push('--read-only');
  // emptyDir mounts become tmpfs; the data volume is handled by the caller.
  for (const mount of container.volumeMounts ?? []) {
    if (mount.name !== 'data')
      flags.push('--tmpfs', `${mount.mountPath}:uid=${runAsUser},gid=${runAsGroup}`);
  }
  return flags;
}
