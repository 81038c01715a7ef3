import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { stringify } from 'yaml';
import { deployDir } from '../../deploy/kustomization.js';
import type { Profile } from './profile.js';

// Generated per run (git-ignored): the deployed state plus the bench's shape on top.
export const BENCH_DIR = 'k8s/.bench';

/** The api Service selects only api pods that carry this label as "yes" while the bench runs. */
export const SERVING_LABEL = 'podtalk.dev/bench-serving';
const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

const cpuBudget = (cpu: string) => ({ requests: { cpu }, limits: { cpu } });
// Tracing off: the kind overlay traces every request, which a capacity bench would measure too.
const TRACING_OFF = { name: 'OTEL_SDK_DISABLED', value: 'true' };

/**
 * The bench's warm api pods: the deployed api's own pod template, tracing off, each pod held to
 * `apiCpu`, as a StatefulSet of `replicas`. Its pods are named api-bench-0, api-bench-1 …, so the
 * plan names them before they exist, and a dry run prints the very commands a real run sends.
 */
export function benchStatefulSet(api: IDeployment, replicas: number, apiCpu: string): IStatefulSet {
  const template = structuredClone(api.spec?.template);
  const container = template?.spec?.containers[0];
  if (!template?.spec || !container) throw new Error('the deployed api has no pod template');
  container.resources = { ...container.resources, ...cpuBudget(apiCpu) };
  container.env = [...(container.env ?? []), TRACING_OFF];
  const labels = { ...api.spec?.selector.matchLabels, 'podtalk.dev/bench': 'yes' };
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, ...labels } };
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'api-bench', namespace: 'podtalk', labels },
    spec: {
      replicas,
      serviceName: 'api',
      // Every pod starts at once; none waits for the one before it.
      podManagementPolicy: 'Parallel',
      selector: { matchLabels: labels },
      template,
    },
  };
}

/** A strategic-merge patch of one object, as kustomize takes it inline. */
const patch = (kind: string, name: string, spec: object) =>
  stringify({
    apiVersion: kind === 'Service' ? 'v1' : 'apps/v1',
    kind,
    metadata: { name, namespace: 'podtalk' },
    spec,
  }).trimEnd();

/**
 * The bench's kustomization: what pnpm deploy:kind applied, its warm pods beside it, the api
 * Service selecting only those labelled to serve, and one db-client, tracing off, held to its
 * budget on the control-plane node, away from every api pod, so each reaches it across nodes alike.
 */
export const benchKustomization = (
  { dbClientCpu }: Pick<Profile, 'dbClientCpu'>,
  deployed = `../${deployDir('kind').slice('k8s/'.length)}`,
) => ({
  apiVersion: 'kustomize.config.k8s.io/v1beta1',
  kind: 'Kustomization',
  resources: [deployed, 'api-bench.yaml'],
  patches: [
    { patch: patch('Service', 'api', { selector: { [SERVING_LABEL]: 'yes' } }) },
    {
      patch: patch('Deployment', 'db-client', {
        replicas: 1,
        template: {
          spec: {
            containers: [
              { name: 'db-client', resources: cpuBudget(dbClientCpu), env: [TRACING_OFF] },
            ],
            nodeSelector: { [CONTROL_PLANE]: '' },
            tolerations: [{ key: CONTROL_PLANE, operator: 'Exists', effect: 'NoSchedule' }],
          },
        },
      }),
    },
  ],
});

/** The shape in words, for the report and the chart. */
export const describeShape = (profile: Pick<Profile, 'apiCpu' | 'dbClientCpu'>) =>
  `each api pod held to ${profile.apiCpu} CPU, one db-client to ${profile.dbClientCpu} on the control-plane node, MySQL as deployed, tracing off`;
