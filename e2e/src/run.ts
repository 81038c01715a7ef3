import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';

// `pnpm test:e2e [--cluster <name>] [file filters…]`: vitest refuses flags it does not know, so
// the cluster reaches the global setup as E2E_CLUSTER, and everything else goes to vitest.
const { values, positionals } = parseArgs({
  options: { cluster: { type: 'string', default: process.env.E2E_CLUSTER ?? 'podtalk' } },
  allowPositionals: true,
});

const vitest = spawn('vitest', ['run', '--config', 'vitest.e2e.config.ts', ...positionals], {
  stdio: 'inherit',
  env: { ...process.env, E2E_CLUSTER: values.cluster },
});
vitest.once('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
