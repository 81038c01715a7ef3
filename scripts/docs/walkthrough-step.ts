import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bindKubectl, run, waitUntilSettled } from '@podtalk/cluster-kit';
import { main } from '../lib/cli.js';
import { REPO_ROOT } from '../lib/paths.js';
import { maskVolatile, type MaskState } from './lib/mask-volatile.js';

/*
 * txm's program for the README's walkthrough (pnpm docs:walkthrough). It runs one code block
 * with bash from the repository's root, as a reader pasting it would, and prints what the
 * reader sees, stdout and stderr together, with the volatile values masked (lib/mask-volatile.ts).
 *
 * With --alias it records the block that defines the README's alias, and every later block
 * runs after it: the walkthrough uses exactly the alias the README shows. It also starts the
 * masks afresh; later blocks keep them, so a pod or a Service has one example all the way. And
 * it waits, as a reader would, until the cluster has settled: every rollout done, no pod still
 * terminating (after the e2e suite, or a rollout just started).
 *
 * A block runs in a process group of its own, with a bound: when it ends, anything it left
 * running in the background (a port-forward) is killed, so a failing step fails, never hangs.
 */
const ALIASES = join(tmpdir(), 'podtalk-walkthrough-aliases.sh');
const MASKS = join(tmpdir(), 'podtalk-walkthrough-masks.json');
const BLOCK_MS = 300_000;

main(async () => {
  const block = readFileSync(process.stdin.fd, 'utf8');
  if (process.argv.includes('--alias')) {
    writeFileSync(ALIASES, block);
    writeFileSync(MASKS, '{}');
    await waitUntilSettled(bindKubectl('kind-podtalk', 'podtalk'));
  }
  const masks = JSON.parse(readFileSync(MASKS, 'utf8')) as MaskState;
  // stderr joins stdout in the shell itself, so the two keep the order they were printed in.
  const script = `exec 2>&1\n${readFileSync(ALIASES, 'utf8')}\n${block}`;
  const result = await run(['bash', '-O', 'expand_aliases', '-e', '-o', 'pipefail', '-c', script], {
    cwd: REPO_ROOT,
    timeoutMs: BLOCK_MS,
    ownGroup: true,
    // kubectl exec over WebSockets, its default since v1.31, now and then logs a harmless
    // "Unknown stream id" line on stderr, which a comparison would count; SPDY, kubectl's
    // transport before, does not.
    env: { ...process.env, KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' },
  });
  process.stdout.write(maskVolatile(result.stdout, masks));
  if (result.code === 124)
    process.stdout.write(`\n✗ the block ran out of its ${BLOCK_MS / 1000} s\n`);
  writeFileSync(MASKS, JSON.stringify(masks));
  process.exitCode = result.code;
});
