import {
  kubectlCommand,
  serverSideApply,
  waitForEndpoints,
  waitForRouting,
  bindKubectl,
  type Command,
} from '@podtalk/cluster-kit';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import { stringify } from 'yaml';
import { deployDir } from '../../deploy/kustomization.js';
import { kindNodes } from '../../deploy/steps/kind-cluster.js';
import { findWorkload, NAMESPACE, parseYamlDocuments } from '../../kube/manifests.js';
import type { Shell } from '../../lib/shell.js';
import { BENCH_DIR, benchKustomization, benchStatefulSet, SERVING_LABEL } from './bench-objects.js';
import { hold, measure, type LoadTarget } from './measure.js';
import { benchPlan, plannedSeconds } from './plan.js';
import type { Profile } from './profile.js';
import type { StepResult } from './summary.js';

export interface BenchRun {
  profile: Profile;
  target: string;
  cluster: string;
  shell: Shell;
  /** Stops the run as Ctrl-C does; the deployed state is restored all the same. */
  signal: AbortSignal;
  onStep: (step: StepResult) => void;
}

const ROLLOUT = ['rollout', 'status', '--timeout=240s'];

/**
 * The bench on the cluster, as a plan walked through a shell: it applies the bench's shape
 * (k8s/.bench), then for each round labels pods into the api Service and measures, from the most
 * pods down. Whatever happens, Ctrl-C included, it applies what pnpm deploy:kind left.
 */
export async function runBench({
  profile,
  target,
  cluster,
  shell,
  signal,
  onStep,
}: BenchRun): Promise<StepResult[]> {
  const context = `kind-${cluster}`;
  const kubectl = kubectlCommand(context, NAMESPACE);
  const plan = benchPlan(profile);
  const most = Math.max(...profile.replicas);
  const deployed = parseYamlDocuments(
    await shell.read(['kubectl', 'kustomize', deployDir('kind')]),
  );
  shell.write(
    `${BENCH_DIR}/api-bench.yaml`,
    stringify(benchStatefulSet(findWorkload(deployed, 'api') as IDeployment, most, profile.apiCpu)),
    `${most} warm api pods, each held to ${profile.apiCpu}`,
  );
  shell.write(
    `${BENCH_DIR}/kustomization.yaml`,
    stringify(benchKustomization(profile)),
    `the deployed state, one db-client held to ${profile.dbClientCpu}, the api Service selecting ${SERVING_LABEL}=yes`,
  );
  const loadTarget: LoadTarget = {
    url: `${target.replace(/\/$/, '')}/api/messages?limit=20`,
    kube: bindKubectl(context, NAMESPACE),
    node: kindNodes(cluster)[0] ?? `${cluster}-control-plane`,
    signal,
  };
  const started = Date.now();
  let roundStarted = started;
  // The time left: what the rounds from this one on plan, less what this round has taken so far.
  const progress = (round: number, what: string) => {
    const now = Date.now();
    const left = plannedSeconds(plan, profile, round) - (now - roundStarted) / 1000;
    shell.log(
      `[${Math.round((now - started) / 60_000)} min in, about ${Math.max(1, Math.round(left / 60))} min left] ${what}`,
    );
  };
  const steps: StepResult[] = [];
  try {
    progress(1, `starting ${most} warm api pods and one db-client held to ${profile.dbClientCpu}`);
    await shell.run([...serverSideApply(kubectl), '--kustomize', BENCH_DIR], { signal });
    await shell.run([...kubectl, ...ROLLOUT, 'deployment/db-client'], { signal });
    await shell.run([...kubectl, ...ROLLOUT, 'statefulset/api-bench'], { signal });
    for (const round of plan) {
      roundStarted = Date.now();
      progress(
        round.round,
        `round ${round.round} of ${plan.length}: all ${most} pods serve for ${round.warmUpSec} s`,
      );
      await serve(shell, kubectl, round.pods, [], { target, loadTarget });
      await shell.work(
        `load: ${most * profile.inFlightPerReplica} requests in flight on keep-alive connections, GET ${loadTarget.url}, for ${round.warmUpSec} s`,
        () => hold(loadTarget, most * profile.inFlightPerReplica, round.warmUpSec),
      );
      for (const step of round.steps) {
        progress(
          round.round,
          `round ${round.round} of ${plan.length}: ${step.replicas} api pods serve`,
        );
        await serve(
          shell,
          kubectl,
          step.serving,
          round.pods.filter((p) => !step.serving.includes(p)),
          { target, loadTarget },
        );
        await shell.work(
          `measure: ${step.inFlight} requests in flight, ${profile.stepWarmUpSec} s warm-up, then ${profile.stepSec} s read at both edges (each pod's cgroup, the machine, this process)`,
          async () => {
            const result = await measure(loadTarget, step, {
              warmUpSec: profile.stepWarmUpSec,
              measureSec: profile.stepSec,
            });
            steps.push(result);
            onStep(result);
          },
        );
      }
    }
  } finally {
    await restore(shell, kubectl).catch((error: unknown) => {
      throw new RestoreError(error);
    });
  }
  return steps;
}

/** The deployed state could not be put back: the one failure that must never pass silently. */
export class RestoreError extends Error {
  constructor(cause: unknown) {
    super(
      `the bench could not restore what pnpm deploy:kind left; run pnpm deploy:kind: ${(cause as Error).message}`,
      { cause },
    );
    this.name = 'RestoreError';
  }
}

/** Labels pods into the api Service and out of it, then waits until new connections reach exactly those. */
async function serve(
  shell: Shell,
  kubectl: Command,
  serving: string[],
  out: string[],
  { target, loadTarget }: { target: string; loadTarget: LoadTarget },
) {
  const label = (pods: string[], value: 'yes' | 'no') =>
    pods.length > 0
      ? shell.run(
          [...kubectl, 'label', 'pod', ...pods, `${SERVING_LABEL}=${value}`, '--overwrite'],
          { signal: loadTarget.signal },
        )
      : undefined;
  await label(serving, 'yes');
  await label(out, 'no');
  await shell.work(
    `waits until the api Service's ready endpoints are ${serving.join(', ')}, and new connections reach exactly them`,
    async () => {
      const { kube, signal } = loadTarget;
      await waitForEndpoints(kube, { service: 'api', pods: serving, timeoutMs: 120_000, signal });
      await waitForRouting({
        url: `${target.replace(/\/$/, '')}/api/whoami`,
        pods: serving,
        timeoutMs: 60_000,
        signal,
      });
    },
  );
}

/** What pnpm deploy:kind left: its kustomization applied again, and the bench's pods gone. */
async function restore(shell: Shell, kubectl: Command) {
  shell.log('restoring what pnpm deploy:kind left');
  await shell.run([...serverSideApply(kubectl), '--kustomize', deployDir('kind')]);
  await shell.run([
    ...kubectl,
    'delete',
    'statefulset',
    'api-bench',
    '--ignore-not-found',
    // Its pods gone too, not merely going: the cluster is as the deploy left it when this returns.
    '--cascade=foreground',
    '--wait=true',
  ]);
  await shell.run([...kubectl, ...ROLLOUT, 'deployment/db-client']);
  await shell.run([...kubectl, ...ROLLOUT, 'deployment/api']);
  shell.log(
    `restored: ${deployDir('kind')} applied again (api Service selector, db-client's replicas and CPU), statefulset/api-bench deleted`,
  );
}
