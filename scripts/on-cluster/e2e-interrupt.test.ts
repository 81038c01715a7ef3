import { bindKubectl, poll, runOrThrow, start } from '@podtalk/cluster-kit';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../lib/paths.js';

const kube = bindKubectl('kind-podtalk', 'podtalk');
const coreDns = () =>
  kube
    .inNamespace('kube-system')
    .run(['get', 'deployment', 'coredns', '--output', 'jsonpath={.spec.replicas}']);
const pausedNodes = async () =>
  (
    await runOrThrow([
      'docker',
      'ps',
      '--filter',
      'label=io.x-k8s.kind.cluster=podtalk',
      '--filter',
      'status=paused',
      '--format',
      '{{.Names}}',
    ])
  ).stdout.trim();
const cordonedNodes = () =>
  kube.run([
    'get',
    'nodes',
    '--output',
    'jsonpath={.items[?(@.spec.unschedulable)].metadata.name}',
  ]);

// The two kinds of change the suite takes back: one through the API (kube-system's CoreDNS),
// one to the machine under the cluster (a kind node, paused by docker).
const CASES = [
  {
    signal: 'SIGINT',
    scenario: 'scenarios/kind/15-dns-outage.e2e.ts',
    moment: 'CoreDNS is at 0',
    reached: async () => (await coreDns()) === '0',
  },
  {
    signal: 'SIGTERM',
    scenario: 'scenarios/kind/17-frozen-node.e2e.ts',
    moment: 'a worker is frozen',
    reached: async () => (await pausedNodes()) !== '',
  },
] as const;

describe('pnpm test:e2e, stopped by a signal', () => {
  it.each(CASES)(
    'when it gets $signal while $moment, then it takes back every change, says so, and exits 130',
    async ({ signal, scenario, reached }) => {
      const replicas = await coreDns();
      const lines: string[] = [];
      // The runner itself, as pnpm test:e2e starts it: Ctrl-C reaches it, not vitest, which runs
      // in a process group of its own.
      const suite = start([process.execPath, '--import', 'tsx', 'src/run.ts', scenario], {
        cwd: `${REPO_ROOT}e2e`,
      });
      suite.onLine('stdout', (line) => lines.push(line));
      suite.onLine('stderr', (line) => lines.push(line));
      await poll(async () => (await reached()) || undefined, {
        what: `${scenario} to make its change`,
        timeoutMs: 240_000,
        intervalMs: 500,
      });

      process.kill(suite.pid, signal);
      const code = await suite.exited;
      const clientNamespace = await kube.run([
        'get',
        'namespace',
        'podtalk-e2e-client',
        '--ignore-not-found',
        '--output',
        'jsonpath={.status.phase}',
      ]);

      expect(code).toBe(130);
      expect(lines).toContain(`${signal}: stopping the suite; taking back what it changed …`);
      expect(lines.some((l) => l.includes('✓ took back'))).toBe(true);
      expect(await coreDns()).toBe(replicas);
      expect(await pausedNodes()).toBe('');
      expect(await cordonedNodes()).toBe('');
      expect(['', 'Terminating']).toContain(clientNamespace);
    },
  );
});
