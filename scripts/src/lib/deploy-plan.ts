import { mkdirSync, writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { applyReport, objectsIn } from './apply-report.js';
import { formatCommand, kubectlFor, run, runOrThrow, type Command } from './command.js';
import { buildImage, imageName, SERVICES, type Builder } from './images.js';
import { REPO_ROOT } from './manifests.js';
import { createSecret, ensureMysqlSecret, getSecret } from './mysql-secret.js';
import { preflight, TOOLS } from './preflight.js';

export const NAMESPACE = 'podtalk';
export const APP_URL = 'http://localhost:30080';
// A kustomization generated per deploy (git-ignored): the kind overlay plus this deploy's tags.
export const DEPLOY_DIR = 'k8s/.deploy';
// Server-side apply under one name: the API server tracks which fields this deploy owns.
export const FIELD_MANAGER = 'podtalk-deploy';

/**
 * Server-side apply under this deploy's field manager. The manifests are the source of truth:
 * --force-conflicts takes back a hand-made change (kubectl scale, say) as client-side apply would.
 */
export const serverSideApply = (kubectl: Command): Command => [
  ...kubectl,
  'apply',
  '--server-side',
  '--field-manager',
  FIELD_MANAGER,
  '--force-conflicts',
];

export interface DeployOptions {
  cluster: string;
  /** The node image for every node when this deploy creates the cluster. */
  nodeImage?: string | undefined;
  skipBuild: boolean;
  tags: Record<(typeof SERVICES)[number], string>;
}

export interface Step {
  title: string;
  /** What the step runs, in order, exactly as `run` will run it. */
  commands: { command: Command; note?: string }[];
  run(log: (line: string) => void): Promise<void>;
}

// Rollouts in dependency order, each with a bound: first init of MySQL takes longest.
const ROLLOUTS = [
  ['statefulset/mysql', '300s'],
  ['deployment/db-client', '180s'],
  ['deployment/api', '180s'],
] as const;

export function deployPlan({ cluster, nodeImage, skipBuild, tags }: DeployOptions): Step[] {
  const kubectl = kubectlFor(cluster);
  const inNamespace: Command = [...kubectl, '--namespace', NAMESPACE];
  const createCluster: Command = [
    'kind',
    'create',
    'cluster',
    '--name',
    cluster,
    '--config',
    'k8s/kind/cluster.yaml',
    ...(nodeImage ? ['--image', nodeImage] : []),
    '--wait',
    '120s',
  ];
  const listClusters: Command = ['kind', 'get', 'clusters'];
  const apply = serverSideApply(kubectl);
  const exec = (command: Command) => runOrThrow(command, { cwd: REPO_ROOT }).then(() => undefined);
  const capture = async (command: Command) =>
    (await runOrThrow(command, { cwd: REPO_ROOT, capture: true })).stdout;
  // Found by the preflight; the dry-run shows the preferred one.
  let builder: Builder = 'buildx';

  const steps: Step[] = [
    {
      title: 'Preflight: every tool the README lists',
      commands: TOOLS.map((tool) => ({ command: tool.version })),
      async run(log) {
        const result = await preflight();
        result.lines.forEach(log);
        if (!result.ok || !result.builder)
          throw new Error('preflight failed: install what is missing above, then run this again');
        builder = result.builder;
      },
    },
    {
      title: `Cluster ${cluster}`,
      commands: [
        { command: listClusters },
        { command: createCluster, note: `only if ${cluster} is not listed` },
      ],
      async run(log) {
        const clusters = (await runOrThrow(listClusters, { capture: true })).stdout.split('\n');
        if (clusters.includes(cluster)) log(`cluster ${cluster} exists; keeping it`);
        else await exec(createCluster);
      },
    },
  ];

  if (!skipBuild) {
    steps.push({
      title: 'Build images (content-derived tags)',
      commands: SERVICES.map((service) => ({
        command: buildImage(service, tags[service], 'buildx'),
        note: 'or `env DOCKER_BUILDKIT=1 docker build …` where docker has BuildKit built in',
      })),
      run: async () => {
        for (const service of SERVICES) await exec(buildImage(service, tags[service], builder));
      },
    });
  }

  const loads: Command[] = SERVICES.map((service) => [
    'kind',
    'load',
    'docker-image',
    imageName(service, tags[service]),
    '--name',
    cluster,
  ]);
  steps.push({
    title: 'Load images into the kind nodes',
    commands: loads.map((command) => ({ command })),
    run: async () => {
      for (const command of loads) await exec(command);
    },
  });

  const namespace: Command = [...apply, '--filename', 'k8s/base/namespace.yaml'];
  steps.push({
    title: 'Namespace and the MySQL Secret',
    commands: [
      { command: namespace },
      { command: getSecret(kubectl, NAMESPACE) },
      {
        command: createSecret(kubectl),
        note: 'only if absent; random passwords on stdin; an existing Secret is never replaced',
      },
    ],
    async run(log) {
      log((await capture(namespace)).trim());
      const outcome = await ensureMysqlSecret(kubectl, NAMESPACE);
      log(
        outcome === 'created'
          ? 'created Secret mysql with random passwords'
          : 'Secret mysql exists; keeping it (the data depends on it)',
      );
    },
  });

  const live: Command = [
    ...kubectl,
    'get',
    '--kustomize',
    DEPLOY_DIR,
    '--ignore-not-found',
    '--output',
    'json',
  ];
  const applyOverlay: Command = [...apply, '--kustomize', DEPLOY_DIR, '--output', 'json'];
  steps.push({
    title: 'Apply the kind overlay with these tags',
    commands: [
      {
        command: ['write', `${DEPLOY_DIR}/kustomization.yaml`],
        note: SERVICES.map((s) => imageName(s, tags[s])).join(', '),
      },
      { command: live, note: 'each object as it is now' },
      { command: applyOverlay, note: 'then each is reported created, changed or unchanged' },
    ],
    async run(log) {
      writeDeployKustomization(tags);
      const before = objectsIn(await capture(live));
      const report = applyReport(before, objectsIn(await capture(applyOverlay)));
      for (const { object, change } of report) log(`${object} ${change}`);
      const unchanged = report.filter((r) => r.change === 'unchanged').length;
      log(`${report.length - unchanged} of ${report.length} objects created or changed`);
    },
  });

  const rollouts = ROLLOUTS.map(([target, timeout]): Command => [
    ...inNamespace,
    'rollout',
    'status',
    target,
    `--timeout=${timeout}`,
  ]);
  steps.push({
    title: 'Wait for the rollouts',
    commands: rollouts.map((command) => ({ command })),
    async run(log) {
      for (const command of rollouts) {
        const result = await run(command, { cwd: REPO_ROOT });
        if (result.code !== 0) {
          log(`rollout did not finish: ${formatCommand(command)}`);
          await printDiagnostics(inNamespace);
          throw new Error('a rollout failed; the events and logs above say why');
        }
      }
    },
  });
  return steps;
}

/** Writes the per-deploy kustomization: the kind overlay with this deploy's image tags. */
export function writeDeployKustomization(tags: DeployOptions['tags']): void {
  mkdirSync(`${REPO_ROOT}${DEPLOY_DIR}`, { recursive: true });
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    resources: ['../overlays/kind'],
    images: SERVICES.map((service) => ({ name: `podtalk/${service}`, newTag: tags[service] })),
  };
  writeFileSync(
    `${REPO_ROOT}${DEPLOY_DIR}/kustomization.yaml`,
    `# Generated by pnpm deploy:kind.\n${stringify(kustomization)}`,
  );
}

/** What a person would look at first: pod states, recent events, the last log lines. */
async function printDiagnostics(inNamespace: Command): Promise<void> {
  const commands: Command[] = [
    [...inNamespace, 'get', 'pods', '--output', 'wide'],
    [...inNamespace, 'get', 'events', '--sort-by', '.lastTimestamp'],
    [
      ...inNamespace,
      'logs',
      '--selector',
      'app.kubernetes.io/part-of=podtalk',
      '--all-containers',
      '--prefix',
      '--tail',
      '30',
    ],
  ];
  for (const command of commands) {
    process.stdout.write(`\n$ ${formatCommand(command)}\n`);
    await run(command);
  }
}
