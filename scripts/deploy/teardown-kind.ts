import { main, parseFlags } from '../lib/cli.js';
import { dryRunShell, realShell } from '../lib/shell.js';

const flags = parseFlags(
  {
    'dry-run': { type: 'boolean', default: false },
    cluster: { type: 'string', default: 'podtalk' },
  },
  'Usage: pnpm teardown:kind [--dry-run] [--cluster <name>]\n\nDeletes the kind cluster and everything in it, volumes included.',
);

const say = (line: string) => process.stdout.write(`${line}\n`);

main(async () => {
  const shell = flags['dry-run'] ? dryRunShell(say) : realShell(say);
  await shell.run(['kind', 'delete', 'cluster', '--name', flags.cluster], { show: true });
});
