import { imageName, buildImage, SERVICES, type Builder, type Service } from '../images/images.js';
import type { Command } from '../lib/command.js';
import { kubectlFor, NAMESPACE, serverSideApply } from '../kube/kubectl.js';
import { applyReport, objectsIn } from './apply-report.js';
import {
  DEPLOY_DIR,
  DEPLOY_KUSTOMIZATION,
  deployKustomization,
  describeTags,
} from './kustomization.js';
import { ensureMysqlSecret } from './mysql-secret.js';
import type { Shell } from '../lib/shell.js';

export const APP_URL = 'http://localhost:30080';

export interface DeployOptions {
  cluster: string;
  /** The node image for every node when this deploy creates the cluster. */
  nodeImage?: string | undefined;
  skipBuild: boolean;
  tags: Record<Service, string>;
  /** How docker gets BuildKit here: the preflight's finding. */
  builder: Builder;
}

/** One step of the deploy: every command it runs goes through the shell it is given. */
export interface Step {
  title: string;
  run(shell: Shell): Promise<void>;
}

// Rollouts in dependency order, each with a bound: first init of MySQL takes longest.
const ROLLOUTS = [
  ['statefulset/mysql', '300s'],
  ['deployment/db-client', '180s'],
  ['deployment/api', '180s'],
] as const;

/** The deploy after its preflight: each step runs, or in a dry run prints, the same commands. */
export function deployPlan(options: DeployOptions): Step[] {
  const { cluster, nodeImage, skipBuild, tags, builder } = options;
  const kubectl = kubectlFor(cluster);
  const inNamespace: Command = [...kubectl, '--namespace', NAMESPACE];
  const apply = serverSideApply(kubectl);
  const steps: Step[] = [
    {
      title: `Cluster ${cluster}`,
      async run(shell) {
        const clusters = await shell.run(['kind', 'get', 'clusters']);
        if (clusters.split('\n').includes(cluster)) {
          shell.log(`cluster ${cluster} exists; keeping it`);
          return;
        }
        await shell.run(
          [
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
          ],
          { note: `only if ${cluster} is not listed`, show: true },
        );
      },
    },
  ];
  if (!skipBuild) {
    steps.push({
      title: 'Build images (content-derived tags)',
      async run(shell) {
        for (const service of SERVICES)
          await shell.run(buildImage(service, tags[service], builder), { show: true });
      },
    });
  }
  steps.push(
    {
      title: 'Load images into the kind nodes',
      async run(shell) {
        for (const service of SERVICES)
          await shell.run(
            ['kind', 'load', 'docker-image', imageName(service, tags[service]), '--name', cluster],
            { show: true },
          );
      },
    },
    {
      title: 'Namespace and the MySQL Secret',
      async run(shell) {
        shell.log((await shell.run([...apply, '--filename', 'k8s/base/namespace.yaml'])).trim());
        const secret = await ensureMysqlSecret(shell, kubectl, NAMESPACE);
        shell.log(
          secret === 'created'
            ? 'created Secret mysql with random passwords'
            : 'Secret mysql exists; keeping it (the data depends on it)',
        );
      },
    },
    {
      title: 'Apply the kind overlay with these tags',
      async run(shell) {
        shell.write(DEPLOY_KUSTOMIZATION, deployKustomization(tags), describeTags(tags));
        const before = objectsIn(
          await shell.run(
            [
              ...kubectl,
              'get',
              '--kustomize',
              DEPLOY_DIR,
              '--ignore-not-found',
              '--output',
              'json',
            ],
            { note: 'each object as it is now' },
          ),
        );
        const after = objectsIn(
          await shell.run([...apply, '--kustomize', DEPLOY_DIR, '--output', 'json'], {
            note: 'then each is reported created, changed or unchanged',
          }),
        );
        const report = applyReport(before, after);
        for (const { object, change } of report) shell.log(`${object} ${change}`);
        const unchanged = report.filter((r) => r.change === 'unchanged').length;
        shell.log(`${report.length - unchanged} of ${report.length} objects created or changed`);
      },
    },
    {
      title: 'Wait for the rollouts',
      async run(shell) {
        for (const [target, timeout] of ROLLOUTS) {
          try {
            await shell.run([...inNamespace, 'rollout', 'status', target, `--timeout=${timeout}`], {
              show: true,
            });
          } catch (error) {
            await printDiagnostics(shell, inNamespace);
            throw error;
          }
        }
      },
    },
  );
  return steps;
}

/** What a person would look at first when a rollout fails: pods, recent events, last logs. */
async function printDiagnostics(shell: Shell, inNamespace: Command): Promise<void> {
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
  for (const command of commands) await shell.run(command, { show: true }).catch(() => undefined);
}
