import { fileURLToPath } from 'node:url';
import { bindKubectl, kubectlCommand, poll, run, runOrThrow, start } from '@podtalk/cluster-kit';
import { describe, expect, it } from 'vitest';
import { deployDir } from '../deploy/kustomization.js';
import { FIELD_MANAGER } from '@podtalk/cluster-kit';
import { REPO_ROOT } from '../lib/paths.js';

const BENCH = fileURLToPath(new URL('../bench/kind/main.ts', import.meta.url));
const kube = bindKubectl('kind-podtalk', 'podtalk');

/** The api NodePort on the control plane's own address, as .ci/run and the docs aim the bench. */
async function target(): Promise<string> {
  const { stdout } = await runOrThrow([
    'docker',
    'inspect',
    '--format',
    '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}',
    'podtalk-control-plane',
  ]);
  return `http://${stdout.trim()}:30080`;
}

describe('pnpm bench:kind, stopped by a signal', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'when it gets %s in the middle of a round, then it restores what pnpm deploy:kind left, says so, and exits 130',
    async (signal) => {
      const lines: string[] = [];
      const bench = start(
        [process.execPath, '--import', 'tsx', BENCH, '--target', await target(), '--short'],
        { cwd: REPO_ROOT },
      );
      bench.onLine('stdout', (line) => lines.push(line));
      bench.onLine('stderr', (line) => lines.push(line));
      // Mid-run: the bench's pods serve and the load is on, the cluster in the bench's shape.
      await poll(
        () => Promise.resolve(lines.some((l) => l.includes('3 api pods serve')) || undefined),
        {
          what: 'the bench to reach its first measured step',
          timeoutMs: 300_000,
          intervalMs: 200,
        },
      );

      process.kill(bench.pid, signal);
      const code = await bench.exited;
      // What the deploy applied, against the cluster now: kubectl diff exits 0 when nothing differs.
      const diff = await run(
        [
          ...kubectlCommand('kind-podtalk'),
          'diff',
          '--server-side',
          '--field-manager',
          FIELD_MANAGER,
          '--force-conflicts',
          '--kustomize',
          deployDir('kind'),
        ],
        { cwd: REPO_ROOT },
      );
      const benchPods = await kube.run([
        'get',
        'statefulset,pods',
        '--selector',
        'podtalk.dev/bench=yes',
        '--output',
        'name',
      ]);

      expect(code).toBe(130);
      expect(lines).toContain(`${signal}: stopping; restoring what pnpm deploy:kind left …`);
      expect(lines.some((l) => l.includes('restored: k8s/.deploy/kind applied again'))).toBe(true);
      expect(lines).toContain('✗ interrupted: no results were written');
      expect(diff.stdout, diff.stderr).toBe('');
      expect(diff.code).toBe(0);
      expect(benchPods.trim()).toBe('');
    },
  );
});
