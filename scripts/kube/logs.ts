import { main, parseFlags } from '../lib/cli.js';
import { kubectlCommand, run, type Command } from '@podtalk/cluster-kit';
import { NAMESPACE } from './manifests.js';

const flags = parseFlags(
  { cluster: { type: 'string', default: 'podtalk' }, component: { type: 'string' } },
  'Usage: pnpm logs [--cluster <name>] [--component api|db-client|mysql]\n\nFollows the JSON logs of every podtalk pod, prefixed with the pod name.',
);

main(async () => {
  const selector = flags.component
    ? `app.kubernetes.io/name=${flags.component}`
    : 'app.kubernetes.io/part-of=podtalk';
  const command: Command = [
    ...kubectlCommand(`kind-${flags.cluster}`, NAMESPACE),
    'logs',
    '--selector',
    selector,
    '--all-containers',
    '--prefix',
    '--follow',
    '--tail',
    '20',
    '--max-log-requests',
    '10',
  ];
  process.exitCode = (await run(command, { show: true })).code;
});
