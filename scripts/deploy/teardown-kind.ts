import { formatCommand, runOrThrow, type Command } from '../lib/command.js';
import { main, parseFlags } from '../lib/cli.js';

const flags = parseFlags(
  {
    'dry-run': { type: 'boolean', default: false },
    cluster: { type: 'string', default: 'podtalk' },
  },
  'Usage: pnpm teardown:kind [--dry-run] [--cluster <name>]\n\nDeletes the kind cluster and everything in it, volumes included.',
);

main(async () => {
  const command: Command = ['kind', 'delete', 'cluster', '--name', flags.cluster];
  if (flags['dry-run']) {
    process.stdout.write(`${formatCommand(command)}\n`);
    return;
  }
  await runOrThrow(command);
});
