import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { Workload } from '../kube/manifests.js';

// A pod template translated to `docker run` flags, so pnpm test:images runs each image
// the way its pod would: same user, read-only root, no capabilities, same env and files.

export function podOf(workload: Workload): IPodSpec {
  const pod = workload.spec?.template.spec;
  if (!pod) throw new Error(`${workload.metadata?.name} has no pod template`);
  return pod;
}
export function containerOf(workload: Workload): IContainer {
  const [container] = podOf(workload).containers;
  if (!container) throw new Error(`${workload.metadata?.name} has no container`);
  return container;
}

/** The container's env as the kubelet fills it: literals and Downward API fields. */
export function envOf(workload: Workload, container: string): string[] {
  const downward: Record<string, string> = {
    'metadata.name': container,
    'metadata.namespace': 'podtalk',
    'spec.nodeName': 'docker',
  };
  return (containerOf(workload).env ?? []).flatMap((variable) => {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    const value = variable.value ?? (field ? downward[field] : undefined);
    return value === undefined ? [] : ['--env', `${variable.name}=${value}`];
  });
}

/** The pod's security context, as docker run flags. */
export function securityFlags(workload: Workload): string[] {
  const { runAsUser, runAsGroup } = podOf(workload).securityContext ?? {};
  const container = containerOf(workload);
  const flags = ['--user', `${runAsUser}:${runAsGroup}`, '--cap-drop', 'ALL'];
  flags.push('--security-opt', 'no-new-privileges');
  if (container.securityContext?.readOnlyRootFilesystem) flags.push('--read-only');
  // emptyDir mounts become tmpfs; Secrets are secretMounts' job, the data volume the caller's.
  const volumes = podOf(workload).volumes ?? [];
  for (const mount of container.volumeMounts ?? []) {
    if (volumes.find((v) => v.name === mount.name)?.emptyDir)
      flags.push('--tmpfs', `${mount.mountPath}:uid=${runAsUser},gid=${runAsGroup}`);
  }
  return flags;
}

/**
 * The container's Secret volumes as read-only bind mounts of files written under `dir`, with
 * only the keys each volume lists. Docker has no fsGroup, so the files are readable by all;
 * in the cluster they are 0440 and owned by the pod's group.
 */
export function secretMounts(
  workload: Workload,
  dir: string,
  secrets: Record<string, Record<string, string>>,
): string[] {
  const volumes = podOf(workload).volumes ?? [];
  return (containerOf(workload).volumeMounts ?? []).flatMap((mount) => {
    const secret = volumes.find((v) => v.name === mount.name)?.secret;
    if (!secret) return [];
    const data = secrets[secret.secretName ?? ''] ?? {};
    const source = join(dir, `${workload.metadata?.name}-${mount.name}`);
    mkdirSync(source, { recursive: true });
    const items = secret.items ?? Object.keys(data).map((key) => ({ key, path: key }));
    for (const { key, path } of items)
      writeFileSync(join(source, path), data[key] ?? '', { mode: 0o444 });
    return ['--volume', `${source}:${mount.mountPath}:ro`];
  });
}
