import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';

/**
 * The Pod Security Standards' restricted profile (which includes baseline), checked the way
 * Pod Security Admission evaluates a pod spec. Returns one line per violation.
 */

const RESTRICTED_VOLUME_TYPES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SECCOMP_OK = new Set(['RuntimeDefault', 'Localhost']);

export function restrictedViolations(pod: IPodSpec): string[] {
  const problems: string[] = [];
  const containers = [
    ...(pod.initContainers ?? []),
    ...pod.containers,
    ...(pod.ephemeralContainers ?? []),
  ];
  const podContext = pod.securityContext ?? {};

  // Baseline.
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const)
    if (pod[field] === true) problems.push(`${field} is true`);
  for (const volume of pod.volumes ?? []) {
    const type = Object.keys(volume).find((key) => key !== 'name');
    if (type === 'hostPath') problems.push(`volume ${volume.name} is a hostPath`);
    else if (type && !RESTRICTED_VOLUME_TYPES.has(type))
      problems.push(`volume ${volume.name} has type ${type}`);
  }
  for (const sysctl of podContext.sysctls ?? []) {
    if (!SAFE_SYSCTLS.has(sysctl.name)) problems.push(`sysctl ${sysctl.name} is not safe`);
  }
  if (podContext.runAsUser === 0) problems.push('pod runAsUser is 0');
  if (podContext.seccompProfile && !SECCOMP_OK.has(podContext.seccompProfile.type)) {
    problems.push(`pod seccompProfile is ${podContext.seccompProfile.type}`);
  }

  for (const container of containers) {
    const name = `container ${container.name}`;
    const context = container.securityContext ?? {};
    if (context.privileged === true) problems.push(`${name} is privileged`);
    if ((container.ports ?? []).some((p) => p.hostPort)) problems.push(`${name} uses a hostPort`);
    if (context.procMount && context.procMount !== 'Default')
      problems.push(`${name} procMount is ${context.procMount}`);
    // Restricted.
    if (context.allowPrivilegeEscalation !== false)
      problems.push(`${name} must set allowPrivilegeEscalation: false`);
    const runAsNonRoot = context.runAsNonRoot ?? podContext.runAsNonRoot;
    if (runAsNonRoot !== true) problems.push(`${name} must run as non-root (runAsNonRoot: true)`);
    if (context.runAsUser === 0) problems.push(`${name} runAsUser is 0`);
    const seccomp = context.seccompProfile?.type ?? podContext.seccompProfile?.type;
    if (!seccomp || !SECCOMP_OK.has(seccomp))
      problems.push(`${name} needs seccompProfile RuntimeDefault or Localhost`);
    const capabilities = context.capabilities ?? {};
    if (!(capabilities.drop ?? []).includes('ALL'))
      problems.push(`${name} must drop ALL capabilities`);
    for (const added of capabilities.add ?? []) {
      if (added !== 'NET_BIND_SERVICE') problems.push(`${name} adds capability ${added}`);
    }
  }
  return problems;
}
