import type { IDeploymentList } from 'kubernetes-models/apps/v1/DeploymentList';
import { SERVICES, type Service } from '../../images/images.js';
import {
  DEPLOY_DIR,
  DEPLOY_KUSTOMIZATION,
  deployKustomization,
} from '../../deploy/kustomization.js';
import type { Command } from '../../lib/command.js';
import type { Shell } from '../../lib/shell.js';
import { kubectlFor, NAMESPACE, serverSideApply } from '../../kube/kubectl.js';
import { BENCH_DIR, benchKustomizationYaml, describeShape } from './bench-overlay.js';
import { evidence, type Evidence } from './evidence.js';
import { nameLimit, type Limit } from './limit.js';
import type { Loader } from './loader.js';
import type { KindBenchOptions } from './profiles.js';
import { takeReading } from './readings.js';
import { apiPods, serveFirst } from './serving.js';

export interface StepResult {
  round: number;
  replicas: number;
  /** 1, or more where the hypervisor took so much of the machine that the window was measured again. */
  attempt: number;
  evidence: Evidence;
  limit: Limit;
}

export interface BenchTools {
  shell: Shell;
  loader: Loader;
  /** Hears each step's result as it comes. */
  onStep?: (step: StepResult) => void;
}

// What the bench asks for: a read that crosses the api, db-client and MySQL.
const benchUrl = (target: string) => `${target.replace(/\/$/, '')}/api/messages?limit=20`;

const descending = (replicas: number[]) => [...replicas].sort((a, b) => b - a);

// A window in which the hypervisor gave away more than this share of the machine's cores
// measured the host's neighbours, not podtalk: it is measured again, up to MAX_ATTEMPTS times.
export const STOLEN_SHARE = 0.05;
const MAX_ATTEMPTS = 3;
const stolen = ({ kernel }: Evidence) =>
  kernel !== undefined && kernel.steal > STOLEN_SHARE * kernel.cores;

/**
 * Runs the bench on the cluster, or in a dry run prints every command it would run: the same
 * code either way. It starts the most api pods once. Each round puts them all in the api
 * Service under load, then measures from the most pods down, labelling pods out as it goes:
 * no pod starts cold mid-run, and none joins after sitting idle.
 */
export async function runKindBench(
  options: KindBenchOptions,
  { shell, loader, onStep }: BenchTools,
): Promise<StepResult[]> {
  const kubectl: Command = [...kubectlFor(options.cluster), '--namespace', NAMESPACE];
  const apply = (dir: string) => shell.run([...serverSideApply(kubectl), '--kustomize', dir]);
  const rollout = (target: string) =>
    shell.run([...kubectl, 'rollout', 'status', target, '--timeout=240s']);
  shell.write(
    DEPLOY_KUSTOMIZATION,
    deployKustomization(await liveTags(shell, kubectl)),
    'the images running now, to restore them afterwards',
  );
  shell.write(
    `${BENCH_DIR}/kustomization.yaml`,
    benchKustomizationYaml(options),
    describeShape(options),
  );
  const nodes = (await shell.run(['kind', 'get', 'nodes', '--name', options.cluster]))
    .split('\n')
    .filter(Boolean);
  const read = () =>
    takeReading({
      shell,
      kubectl,
      nodes,
      viaDockerProxy: /\/\/(localhost|127\.|\[::1\])/.test(options.target),
    });
  const url = benchUrl(options.target);
  const most = Math.max(...options.replicas);

  const steps: StepResult[] = [];
  try {
    await apply(BENCH_DIR);
    await rollout('deployment/db-client');
    await shell.run([...kubectl, 'scale', 'deployment/api', `--replicas=${most}`]);
    await rollout('deployment/api');
    const pods = await apiPods(shell, kubectl, most);
    for (let round = 1; round <= options.rounds; round++) {
      // Each round starts its count from another pod: pods differ by up to a fifth in CPU per
      // request, and one pod's share should not decide what one replica measures.
      const first = (round - 1) % pods.length;
      const order = [...pods.slice(first), ...pods.slice(0, first)];
      const serve = (count: number) => serveFirst({ shell, kubectl, pods: order, count });
      await serve(most);
      await loader.warm(
        { url, connections: options.inFlightPerReplica * most },
        round === 1 ? options.warmUpSec : options.roundWarmUpSec,
      );
      for (const replicas of descending(options.replicas)) {
        await serve(replicas);
        const inFlight = options.inFlightPerReplica * replicas;
        for (let attempt = 1; ; attempt++) {
          const { window, before, after } = await loader.measure(
            { url, connections: inFlight },
            { warmUpSec: options.stepWarmUpSec, measureSec: options.stepSec },
            read,
          );
          if (shell.dryRun) break;
          const measured = evidence(before, after, window, inFlight);
          const step = { round, replicas, attempt, evidence: measured, limit: nameLimit(measured) };
          onStep?.(step);
          if (attempt < MAX_ATTEMPTS && stolen(measured)) continue;
          steps.push(step);
          break;
        }
      }
    }
  } finally {
    await apply(DEPLOY_DIR);
    await rollout('deployment/db-client');
    await rollout('deployment/api');
  }
  return steps;
}

/** The image tags of the Deployments as they run now: what pnpm deploy:kind applied. */
async function liveTags(shell: Shell, kubectl: Command): Promise<Record<Service, string>> {
  const text = await shell.run([...kubectl, 'get', 'deployment', ...SERVICES, '--output', 'json']);
  if (shell.dryRun) return { 'db-client': '<running tag>', api: '<running tag>' };
  const running = new Map(
    (JSON.parse(text) as IDeploymentList).items.map((deployment) => [
      deployment.metadata?.name,
      deployment.spec?.template.spec?.containers[0]?.image?.split(':')[1],
    ]),
  );
  const tags = Object.fromEntries(SERVICES.map((service) => [service, running.get(service)]));
  if (SERVICES.some((service) => !tags[service]))
    throw new Error('no podtalk images running: run pnpm deploy:kind first');
  return tags as Record<Service, string>;
}
