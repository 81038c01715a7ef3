import { WORKLOADS, type Command } from '@podtalk/cluster-kit';
import type { Shell } from '../../lib/shell.js';
import type { Step } from '../steps.js';

// Each rollout's bound: the first init of MySQL takes longest.
const timeoutOf = (workload: string) => (workload === 'statefulset/mysql' ? '300s' : '180s');

/** Waits for every rollout; when one fails, shows what a person would look at first. */
export const rolloutsStep = (inNamespace: Command, done: string[]): Step => ({
  title: 'Wait for the rollouts',
  async run(shell) {
    // In dependency order, as cluster-kit lists podtalk's workloads.
    for (const workload of WORKLOADS) {
      try {
        await shell.run(
          [...inNamespace, 'rollout', 'status', workload, `--timeout=${timeoutOf(workload)}`],
          { show: true },
        );
      } catch (error) {
        await printDiagnostics(shell, inNamespace);
        throw error;
      }
    }
    for (const line of done) shell.log(line);
  },
});

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
  for (const command of commands)
    shell.log(await shell.read(command).catch((error: unknown) => (error as Error).message));
}
