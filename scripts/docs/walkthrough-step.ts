import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
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
 * masks afresh; later blocks keep them, so a pod or a Service has one example all the way.
 */
const ALIASES = join(tmpdir(), 'podtalk-walkthrough-aliases.sh');
const MASKS = join(tmpdir(), 'podtalk-walkthrough-masks.json');

main(async () => {
  const block = readFileSync(process.stdin.fd, 'utf8');
  if (process.argv.includes('--alias')) {
    writeFileSync(ALIASES, block);
    writeFileSync(MASKS, '{}');
  }
  const masks = JSON.parse(readFileSync(MASKS, 'utf8')) as MaskState;
  const script = `${readFileSync(ALIASES, 'utf8')}\n${block}`;
  const result = await execa(
    'bash',
    ['-O', 'expand_aliases', '-e', '-o', 'pipefail', '-c', script],
    {
      cwd: REPO_ROOT,
      all: true,
      reject: false,
      stripFinalNewline: false,
      timeout: 300_000,
    },
  );
  process.stdout.write(maskVolatile(result.all, masks));
  writeFileSync(MASKS, JSON.stringify(masks));
  process.exitCode = result.exitCode ?? 1;
});
