import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { formatCommand, runOrThrow, type Command } from '../../lib/command.js';
import { kubectlFor } from '../../kube/kubectl.js';
import { DEPLOY_DIR, writeDeployKustomization } from '../../deploy/kustomization.js';
import { NAMESPACE, serverSideApply } from '../../kube/kubectl.js';
import type { Service } from '../../images/images.js';
import {
  BENCH_DIR,
  benchKustomizationYaml,
  writeBenchKustomization,
  type BenchShape,
} from './bench-overlay.js';
import { findCapacity, type CapacitySearch, type Objective, type Step } from './capacity.js';
import { cpuUse, parseCpuAccount, READ_CPU_ACCOUNT, type CpuAccount } from './cgroup-cpu.js';
import { drivePaced } from '../load/paced-load.js';

export interface KindBenchOptions extends BenchShape {
  target: string;
  cluster: string;
  replicas: number[];
  objective: Objective;
  /**
   * Every pod runs this long at a moderate rate before any measurement, so V8 has compiled the
   * hot path: under a small CPU limit a cold pod compiles slowly and measures low.
   */
  podWarmUpSec: number;
  /** Each step: offered for stepWarmUpSec, then measured for stepSec, at the same rate. */
  stepWarmUpSec: number;
  stepSec: number;
  /** The capacity search (see findCapacity). */
  startRate: number;
  growth: number;
  refinements: number;
  confirmBreaks: boolean;
}

type Profile = Omit<KindBenchOptions, 'target' | 'cluster'>;

/** The full run: 1 to 5 api replicas, each api pod held to the same CPU budget. */
export const FULL_RUN: Profile = {
  replicas: [1, 2, 3, 4, 5],
  apiCpu: '100m',
  dbClientReplicas: 1,
  dbClientCpu: '250m',
  // Not 100 ms: a pod that spends its 10 ms of CPU early in a 100 ms CFS period (a GC, a JIT
  // compile) is held for the rest of it, so p99 ≤ 100 ms would measure those stalls.
  objective: { p99Ms: 500 },
  podWarmUpSec: 30,
  stepWarmUpSec: 2,
  stepSec: 8,
  startRate: 50,
  growth: 1.3,
  refinements: 3,
  confirmBreaks: true,
};

/** CI's run: 1 and 3 replicas, a few seconds a step: proof that the bench works end to end. */
export const SHORT_RUN: Profile = {
  ...FULL_RUN,
  replicas: [1, 3],
  podWarmUpSec: 10,
  stepWarmUpSec: 1,
  stepSec: 3,
  growth: 1.6,
  refinements: 0,
  confirmBreaks: false,
};

const COMPONENTS = ['api', 'db-client', 'mysql'] as const;
type Component = (typeof COMPONENTS)[number];
const SHARED_FIRST: Component[] = ['db-client', 'mysql', 'api'];
// In-flight requests at most; each opens its own connection, so the Service balances them all.
const CONNECTIONS = 256;
// Per api replica during the warm-up: enough for V8 to compile the hot path, well below capacity.
const WARM_UP_RATE = 60;

export interface ComponentUse {
  pods: number;
  /** Average CPU per pod, in cores, and each pod's limit. */
  coresPerPod: number;
  limitCores: number | undefined;
  /** The largest share of CFS periods in which a pod of it hit its quota. */
  throttledShare: number;
}

export interface MeasuredStep extends Step {
  cpu: Record<Component, ComponentUse>;
  /** The host's busy cores over the step, where /proc/stat can be read. */
  hostBusyCores: number | undefined;
}

export interface ReplicaResult {
  replicas: number;
  search: CapacitySearch;
  /** The component nearest its CPU limit when the objective broke: what limited capacity. */
  limitedBy: string;
}

const kubectlIn = (cluster: string): Command => [...kubectlFor(cluster), '--namespace', NAMESPACE];

const applyCommand = (kubectl: Command, dir: string): Command => [
  ...serverSideApply(kubectl),
  '--kustomize',
  dir,
];
const rollout = (kubectl: Command, target: string): Command => [
  ...kubectl,
  'rollout',
  'status',
  target,
  '--timeout=240s',
];
// What the bench offers: a read that crosses the api, db-client and MySQL.
const benchUrl = (target: string) => `${target.replace(/\/$/, '')}/api/messages?limit=20`;

const liveImages = (kubectl: Command): Command => [
  ...kubectl,
  'get',
  'deployment',
  'db-client',
  'api',
  '--output',
  'jsonpath={range .items[*]}{.spec.template.spec.containers[0].image}{"\\n"}{end}',
];

/** What `pnpm bench --target` runs, in order, for --dry-run to print. */
export function kindBenchPlan(options: KindBenchOptions): string[] {
  const kubectl = kubectlIn(options.cluster);
  const url = benchUrl(options.target);
  return [
    '# 1. The deployed state: the images running now, as pnpm deploy:kind applied them',
    formatCommand(liveImages(kubectl)),
    `write ${DEPLOY_DIR}/kustomization.yaml   # those tags, exactly as the deploy writes it`,
    `# 2. The run's shape, as data: ${BENCH_DIR}/kustomization.yaml`,
    ...benchKustomizationYaml(options)
      .trimEnd()
      .split('\n')
      .map((line) => `#   ${line}`),
    formatCommand(applyCommand(kubectl, BENCH_DIR)),
    formatCommand(rollout(kubectl, 'deployment/db-client')),
    `# 3. Every pod warmed at once, then the capacity from ${Math.max(...options.replicas)} replicas down, so no pod is ever new`,
    formatCommand([
      ...kubectl,
      'scale',
      'deployment/api',
      `--replicas=${Math.max(...options.replicas)}`,
    ]),
    formatCommand(rollout(kubectl, 'deployment/api')),
    `open-loop GET ${url} at ${WARM_UP_RATE * Math.max(...options.replicas)} req/s for ${options.podWarmUpSec} s, a new connection per request   # the warm-up`,
    ...descending(options.replicas).flatMap((n, i) => [
      formatCommand([...kubectl, 'scale', 'deployment/api', `--replicas=${n}`]),
      formatCommand(rollout(kubectl, 'deployment/api')),
      `open-loop GET ${url}, a new connection per request: from ${i === 0 ? `${options.startRate * n} req/s` : '0.8 × the last capacity per replica × replicas'}, ×${options.growth} a step until p99 > ${options.objective.p99Ms} ms or any error, then ${options.refinements} bisections${options.confirmBreaks ? '; a rate counts as broken only if it breaks twice' : ''}; ${options.stepWarmUpSec} s + ${options.stepSec} s a step, cgroup cpu.stat of every pod read around each`,
    ]),
    '# 4. Always, even after a failure: back to the deployed state',
    formatCommand(applyCommand(kubectl, DEPLOY_DIR)),
    formatCommand(rollout(kubectl, 'deployment/db-client')),
    formatCommand(rollout(kubectl, 'deployment/api')),
  ];
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const descending = (replicas: number[]) => [...replicas].sort((a, b) => b - a);

async function podsOf(kubectl: Command, app: Component): Promise<string[]> {
  const { stdout } = await runOrThrow(
    [...kubectl, 'get', 'pods', '--selector', `app.kubernetes.io/name=${app}`, '--output', 'json'],
    { capture: true },
  );
  const { items } = JSON.parse(stdout) as {
    items: { metadata: { name: string; deletionTimestamp?: string }; status: { phase?: string } }[];
  };
  return items
    .filter((pod) => pod.status.phase === 'Running' && !pod.metadata.deletionTimestamp)
    .map((pod) => pod.metadata.name);
}

/** Every pod's CPU account, read from its own cgroup. */
async function readCpu(
  kubectl: Command,
): Promise<Map<string, { app: Component; account: CpuAccount }>> {
  const readings = await Promise.all(
    COMPONENTS.map(async (app) =>
      Promise.all(
        (await podsOf(kubectl, app)).map(async (pod) => {
          const { stdout } = await runOrThrow(
            [...kubectl, 'exec', pod, '--container', app, '--', 'sh', '-c', READ_CPU_ACCOUNT],
            { capture: true },
          );
          return [pod, { app, account: parseCpuAccount(stdout) }] as const;
        }),
      ),
    ),
  );
  return new Map(readings.flat());
}

/** The host's busy time in seconds, from /proc/stat; undefined where there is none. */
function hostBusySeconds(): number | undefined {
  try {
    const [, ...fields] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
      .trim()
      .split(/\s+/);
    const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
    return (
      ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100
    );
  } catch {
    return undefined;
  }
}

function componentUse(
  before: Awaited<ReturnType<typeof readCpu>>,
  after: Awaited<ReturnType<typeof readCpu>>,
  seconds: number,
): Record<Component, ComponentUse> {
  const use = {} as Record<Component, ComponentUse>;
  for (const app of COMPONENTS) {
    const pods = [...after].flatMap(([pod, reading]) => {
      const earlier = before.get(pod);
      return reading.app === app && earlier
        ? [{ earlier: earlier.account, later: reading.account }]
        : [];
    });
    const uses = pods.map(({ earlier, later }) => cpuUse(earlier, later, seconds));
    use[app] = {
      pods: pods.length,
      coresPerPod: uses.reduce((sum, u) => sum + u.cores, 0) / Math.max(1, uses.length),
      limitCores: pods[0]?.later.limitCores,
      throttledShare: Math.max(0, ...uses.map((u) => u.throttledShare)),
    };
  }
  return use;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;

/**
 * Names what held a step back, with the numbers that say so. A component is at its limit when
 * it used at least 3/4 of its CPU and CFS held it back in at least half of its periods. The
 * shared side (db-client, MySQL) is named first: when it is full, more api replicas cannot
 * help. Else the api, else the machine itself when its cores were nearly all busy.
 */
export function limitingComponent(step: Pick<MeasuredStep, 'cpu' | 'hostBusyCores'>): string {
  const atLimit = SHARED_FIRST.flatMap((app) => {
    const { limitCores, coresPerPod, throttledShare, pods } = step.cpu[app];
    return limitCores !== undefined &&
      pods > 0 &&
      coresPerPod >= 0.75 * limitCores &&
      throttledShare >= 0.5
      ? [{ app, limitCores, coresPerPod, throttledShare }]
      : [];
  })[0];
  if (atLimit)
    return `${atLimit.app}: ${atLimit.coresPerPod.toFixed(2)} of ${atLimit.limitCores.toFixed(2)} cores per pod, throttled in ${pct(atLimit.throttledShare)} of periods`;
  const cores = cpus().length;
  if (step.hostBusyCores !== undefined && step.hostBusyCores >= 0.9 * cores)
    return `the machine: ${step.hostBusyCores.toFixed(2)} of its ${cores} cores busy`;
  return 'no pod at its CPU limit, and the machine not full';
}

export interface KindBenchReport {
  options: KindBenchOptions;
  results: ReplicaResult[];
  steps: Record<number, MeasuredStep[]>;
}

/** Runs the plan: the bench's shape, a capacity search per replica count, then the restore. */
export async function runKindBench(options: KindBenchOptions): Promise<KindBenchReport> {
  const kubectl = kubectlIn(options.cluster);
  const url = benchUrl(options.target);
  const exec = async (command: Command) => {
    say(`$ ${formatCommand(command)}`);
    await runOrThrow(command);
  };

  const images = (await runOrThrow(liveImages(kubectl), { capture: true })).stdout
    .split('\n')
    .filter(Boolean);
  const tags = Object.fromEntries(
    (['db-client', 'api'] as Service[]).map((service, i) => [
      service,
      images[i]?.split(':')[1] ?? '',
    ]),
  ) as Record<Service, string>;
  if (Object.values(tags).some((tag) => tag === ''))
    throw new Error(`no podtalk images running: ${images.join(', ')}`);
  writeDeployKustomization(tags);
  writeBenchKustomization(options);

  const results: ReplicaResult[] = [];
  const steps: Record<number, MeasuredStep[]> = {};
  try {
    const drive = (rate: number, durationSec: number) =>
      drivePaced({ url, rate, durationSec, connections: CONNECTIONS, freshConnections: true });
    const most = Math.max(...options.replicas);
    await exec(applyCommand(kubectl, BENCH_DIR));
    await exec(rollout(kubectl, 'deployment/db-client'));
    await exec([...kubectl, 'scale', 'deployment/api', `--replicas=${most}`]);
    await exec(rollout(kubectl, 'deployment/api'));
    say(`  warming every pod: ${WARM_UP_RATE * most} req/s for ${options.podWarmUpSec} s`);
    await drive(WARM_UP_RATE * most, options.podWarmUpSec);
    // From the most replicas down: scaling down keeps running pods, so every measured pod is warm.
    for (const replicas of descending(options.replicas)) {
      await exec([...kubectl, 'scale', 'deployment/api', `--replicas=${replicas}`]);
      await exec(rollout(kubectl, 'deployment/api'));
      const measured: MeasuredStep[] = [];
      const measure = async (rate: number) => {
        const cpuBefore = readCpu(kubectl);
        const hostBefore = hostBusySeconds();
        const started = performance.now();
        await drive(rate, options.stepWarmUpSec);
        const result = await drive(rate, options.stepSec);
        const [before, after] = [await cpuBefore, await readCpu(kubectl)];
        const seconds = (performance.now() - started) / 1000;
        const hostAfter = hostBusySeconds();
        const step: MeasuredStep = {
          rate,
          result,
          broke: '',
          cpu: componentUse(before, after, seconds),
          hostBusyCores:
            hostBefore === undefined || hostAfter === undefined
              ? undefined
              : (hostAfter - hostBefore) / seconds,
        };
        measured.push(step);
        say(
          `  ${replicas} × api at ${rate} req/s: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.errors + result.non2xx} failed; ${limitingComponent(step)}`,
        );
        return result;
      };
      const previous = results.at(-1);
      const startRate = previous
        ? Math.max(
            options.startRate,
            (0.8 * previous.search.capacity * replicas) / previous.replicas,
          )
        : options.startRate * replicas;
      const search = await findCapacity(measure, {
        objective: options.objective,
        startRate,
        growth: options.growth,
        refinements: options.refinements,
        confirmBreaks: options.confirmBreaks,
        minRate: 5,
        maxRate: 5_000,
      });
      // measure() ran once per search step, in the same order.
      steps[replicas] = measured.map((m, i) => ({ ...m, broke: search.steps[i]?.broke ?? '' }));
      const broken = search.firstBreak && measured[search.steps.indexOf(search.firstBreak)];
      const limitedBy = broken ? limitingComponent(broken) : 'the objective never broke';
      results.push({ replicas, search, limitedBy });
      say(
        `→ ${replicas} × api: capacity ${search.capacity} req/s; broke at ${search.firstBreak?.rate ?? '—'} req/s (${search.firstBreak?.broke ?? '—'}); ${limitedBy}`,
      );
    }
  } finally {
    say('restoring the deployed state');
    await exec(applyCommand(kubectl, DEPLOY_DIR));
    await exec(rollout(kubectl, 'deployment/db-client'));
    await exec(rollout(kubectl, 'deployment/api'));
  }
  return { options, results: results.sort((a, b) => a.replicas - b.replicas), steps };
}
