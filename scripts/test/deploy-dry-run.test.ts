import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatCommand } from '../lib/command.js';
import { isolatedPath } from './support/fake-tools.js';
import { runScript } from './support/run-script.js';

const DEPLOY = fileURLToPath(new URL('../deploy/deploy-kind.ts', import.meta.url));

/**
 * Stand-ins for every tool the deploy calls, each writing down how it was called before it
 * answers as a machine with the tools and no cluster yet would: the path a dry run shows.
 */
function recordingTools() {
  const { dir } = isolatedPath();
  const log = join(dir, 'calls.log');
  // Each argument ends with a unit separator, each call with a record separator.
  const record = `printf '%s\\037' "\${0##*/}" "$@" >> ${log}; printf '\\036' >> ${log}`;
  const { PATH } = isolatedPath({
    node: `${record}\nexec ${process.execPath} "$@"`,
    pnpm: `${record}\necho 10.34.8`,
    docker: `${record}\n[ "$1" = version ] && echo 28.2.2; exit 0`,
    kind: `${record}\n[ "$1" = version ] && echo 'kind v0.29.0 go1.24.2 linux/amd64'; exit 0`,
    kubectl: `${record}
case "$*" in
  *"version --client"*) echo 'Client Version: v1.33.1' ;;
  *" create --filename -"*) echo secret/mysql created ;;
  *"--output json"*) echo '{"kind": "List", "items": []}' ;;
esac`,
    curl: `${record}\necho 'curl 8.5.0 (x86_64-pc-linux-gnu)'`,
    jq: `${record}\necho jq-1.7.1`,
  });
  const calls = () =>
    readFileSync(log, 'utf8')
      .split('\x1e')
      .filter(Boolean)
      .map((call) => formatCommand(call.split('\x1f').slice(0, -1)));
  return { PATH, calls };
}

/** The commands a dry run prints, without its headings and notes. */
const commandsOf = (dryRun: string) =>
  dryRun
    .trim()
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.replace(/ {3}# .*$/, ''));

describe('pnpm deploy:kind --dry-run, against a real deploy', () => {
  it('when the deploy runs for real, then it runs exactly the commands, in the order, that its dry run prints', async () => {
    const tools = recordingTools();

    const real = await runScript(DEPLOY, [], { PATH: tools.PATH });
    const dryRun = await runScript(DEPLOY, ['--dry-run'], { PATH: tools.PATH });

    expect(real.code, real.stderr).toBe(0);
    expect(tools.calls()).toEqual(commandsOf(dryRun.stdout));
  });
});
