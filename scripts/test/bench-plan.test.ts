import { describe, expect, it } from 'vitest';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { parse } from 'yaml';
import { benchKustomization, benchStatefulSet } from '../bench/kind/bench-objects.js';
import { benchPlan, plannedSeconds } from '../bench/kind/plan.js';
import { FULL_RUN, SHORT_RUN } from '../bench/kind/profile.js';
import { runBench } from '../bench/kind/run-bench.js';
import { recordingShell } from '../lib/shell.js';

const KUBECTL = 'kubectl --context kind-podtalk --namespace podtalk';
const APPLY = `${KUBECTL} apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts --kustomize`;
// What `kubectl kustomize k8s/.deploy/kind` prints after a deploy: the api Deployment is what the bench copies.
const DEPLOYED = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: podtalk }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: api, app.kubernetes.io/instance: podtalk } }
  template:
    metadata: { labels: { app.kubernetes.io/name: api, app.kubernetes.io/instance: podtalk } }
    spec: { containers: [{ name: api, image: 'localhost:5001/podtalk/api@sha256:${'a'.repeat(64)}', resources: { limits: { cpu: 500m, memory: 192Mi } } }] }
`;

async function planned(profile = FULL_RUN) {
  const recording = recordingShell([[/^kubectl kustomize k8s\/\.deploy\/kind$/, DEPLOYED]]);
  const steps = await runBench({
    profile,
    target: 'http://172.18.0.3:30080',
    cluster: 'podtalk',
    shell: recording.shell,
    signal: new AbortController().signal,
    onStep: () => undefined,
  });
  return { ...recording, steps };
}
const labelled = (commands: string[], value: 'yes' | 'no') =>
  commands
    .filter((c) => c.endsWith(`podtalk.dev/bench-serving=${value} --overwrite`))
    .map((c) => c.replace(`${KUBECTL} label pod `, '').split(' ').slice(0, -2));

describe('the kind bench, as data', () => {
  it('when planned in full, then five rounds each measure 7, 5, 3 and 1 pods, and each round counts from the next pod', () => {
    const plan = benchPlan(FULL_RUN);

    expect(plan.map((r) => r.steps.map((s) => s.replicas))).toEqual(
      Array.from({ length: 5 }, () => [7, 5, 3, 1]),
    );
    expect(plan.map((r) => r.steps.at(-1)?.serving)).toEqual([
      ['api-bench-0'],
      ['api-bench-1'],
      ['api-bench-2'],
      ['api-bench-3'],
      ['api-bench-4'],
    ]);
    expect(plan.map((r) => r.warmUpSec)).toEqual([300, 60, 60, 60, 60]);
    expect(plan[0]?.steps.map((s) => s.inFlight)).toEqual([112, 80, 48, 16]);
    // The time the progress counts down from; starting the pods and restoring add about 2 minutes.
    expect(Math.round(plannedSeconds(plan, FULL_RUN) / 60)).toBe(23);
  });

  it('when walked through the recording shell, then it starts the warm pods once, only relabels between steps, and ends by restoring the deployed state', async () => {
    const { commands, actions, steps } = await planned();
    const ran = commands();

    expect(ran.slice(0, 4)).toEqual([
      'kubectl kustomize k8s/.deploy/kind',
      `${APPLY} k8s/.bench`,
      `${KUBECTL} rollout status --timeout=240s deployment/db-client`,
      `${KUBECTL} rollout status --timeout=240s statefulset/api-bench`,
    ]);
    expect(ran.filter((c) => c.includes(' scale ') || c.includes('delete pod'))).toEqual([]);
    // Each round: all 7 serve for the warm-up, then 7, 5, 3 and 1, counting from the next pod.
    expect(labelled(ran, 'yes').map((pods) => pods.length)).toEqual(
      Array.from({ length: 5 }, () => [7, 7, 5, 3, 1]).flat(),
    );
    expect(labelled(ran, 'yes')[4]).toEqual(['api-bench-0']);
    expect(labelled(ran, 'no')[0]).toEqual(['api-bench-5', 'api-bench-6']);
    expect(actions.flatMap((a) => (a.kind === 'write' ? [a.path] : []))).toEqual([
      'k8s/.bench/api-bench.yaml',
      'k8s/.bench/kustomization.yaml',
    ]);
    expect(actions.filter((a) => a.kind === 'work' && a.what.startsWith('measure'))).toHaveLength(
      20,
    );
    expect(ran.slice(-4)).toEqual([
      `${APPLY} k8s/.deploy/kind`,
      `${KUBECTL} delete statefulset api-bench --ignore-not-found --cascade=foreground --wait=true`,
      `${KUBECTL} rollout status --timeout=240s deployment/db-client`,
      `${KUBECTL} rollout status --timeout=240s deployment/api`,
    ]);
    expect(steps).toEqual([]);
  });

  it('when the bench shapes the cluster, then tracing is off in every warm api pod and in db-client', () => {
    const pods = benchStatefulSet(parse(DEPLOYED) as IDeployment, 7, '100m');
    const dbClient = parse(benchKustomization(FULL_RUN).patches[1]?.patch ?? '') as IDeployment;

    for (const container of [
      pods.spec?.template.spec?.containers[0],
      dbClient.spec?.template.spec?.containers[0],
    ])
      expect(container?.env).toContainEqual({ name: 'OTEL_SDK_DISABLED', value: 'true' });
  });

  it('when --short, then one round of 3 and 1 pods, with short steps', async () => {
    const { commands, actions } = await planned(SHORT_RUN);

    expect(labelled(commands(), 'yes').map((pods) => pods.length)).toEqual([3, 3, 1]);
    expect(actions).toContainEqual({
      kind: 'work',
      what: expect.stringContaining('2 s warm-up, then 4 s read at both edges'),
    });
  });
});
