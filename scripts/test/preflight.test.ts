import { run } from '@podtalk/cluster-kit';
import { describe, expect, it } from 'vitest';
import { atLeast, preflight as checkTools, TOOLS, type Tool } from '../deploy/preflight.js';

const preflight = (tools: Tool[]) => checkTools(tools, (command) => run(command));

/** The README's tool `name`, whose version command prints `output` instead. */
const printing = (name: string, output: string): Tool => ({
  ...TOOLS.find((tool) => tool.name === name)!,
  version: ['sh', '-c', `echo '${output}'`],
});

describe('the preflight’s versions', () => {
  it.each([
    ['0.29.0', '0.29.0', true],
    ['0.30.1', '0.29.0', true],
    ['1.31', '1.31.0', true],
    ['0.28.9', '0.29.0', false],
    ['1.9.0', '1.31.0', false],
  ])('when %s is compared with %s, then at least is %s', (a, b, expected) => {
    expect(atLeast(a, b)).toBe(expected);
  });

  it('when kind, kubectl, Node.js and pnpm are too old, then each is named with the version it needs', async () => {
    const result = await preflight([
      printing('kind', 'kind v0.28.0 go1.24.2 linux/amd64'),
      printing('kubectl', 'Client Version: v1.31.4'),
      printing('node', 'v20.11.1'),
      printing('pnpm', '9.15.0'),
    ]);

    expect(result.ok).toBe(false);
    expect(result.lines).toEqual([
      '✗ kind 0.28.0 is older than 0.29.0: install kind v0.29.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
      '✗ kubectl 1.31.4 is older than 1.32.0: install kubectl v1.32, v1.33 or v1.34: https://kubernetes.io/docs/tasks/tools/',
      '✗ node 20.11.1 is older than 20.19.0: install Node.js 20.19 or newer: https://nodejs.org/',
      '✗ pnpm 9.15.0 is older than 10.34.8: npm install --global pnpm@10.34.8',
    ]);
  });

  it('when kind or kubectl is newer than the node images and the server allow, then each says which versions fit', async () => {
    const result = await preflight([
      printing('kind', 'kind v0.30.0 go1.25.1 linux/amd64'),
      printing('kubectl', 'Client Version: v1.35.0'),
      printing('kubectl', 'Client Version: v1.34.2'),
    ]);

    expect(result.lines).toEqual([
      '✗ kind 0.30.0 is 0.30.0 or newer: install kind v0.29.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
      '✗ kubectl 1.35.0 is 1.35.0 or newer: install kubectl v1.32, v1.33 or v1.34: https://kubernetes.io/docs/tasks/tools/',
      '✓ kubectl 1.34.2',
    ]);
  });

  it('when only the walkthrough’s tools are missing or old, then it warns and the deploy may go on', async () => {
    const result = await preflight([
      printing('kind', 'kind v0.29.0 go1.24.2 linux/amd64'),
      printing('curl', 'curl 7.47.0 (x86_64-pc-linux-gnu)'),
      { ...TOOLS.find((tool) => tool.name === 'jq')!, version: ['podtalk-no-such-jq'] },
    ]);

    expect(result.ok).toBe(true);
    expect(result.lines).toEqual([
      '✓ kind 0.29.0',
      '⚠ curl 7.47.0 is older than 7.52.0: install curl from your package manager (the walkthrough needs it)',
      '⚠ jq is not installed: install jq: https://jqlang.org/download/ (the walkthrough needs it)',
    ]);
  });
});
