import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../bench/run.ts', import.meta.url));

const bench = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', RUN, ...args],
      { timeout: 30_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });

describe('pnpm bench --target (kind)', () => {
  it('when dry-run, then it plans the same load at 1 and then 3 replicas, ending at 3', async () => {
    const result = await bench(['--target', 'http://localhost:30080', '--dry-run']);

    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'kubectl --context kind-podtalk --namespace podtalk scale deployment/api --replicas=1',
      'kubectl --context kind-podtalk --namespace podtalk rollout status deployment/api --timeout=180s',
      'autocannon GET http://localhost:30080/api/messages?limit=20 --connections 48 --duration 20s   # at 1 replica(s), after a 5 s warm-up',
      'kubectl --context kind-podtalk --namespace podtalk scale deployment/api --replicas=3',
      'kubectl --context kind-podtalk --namespace podtalk rollout status deployment/api --timeout=180s',
      'autocannon GET http://localhost:30080/api/messages?limit=20 --connections 48 --duration 20s   # at 3 replica(s), after a 5 s warm-up',
    ]);
  });

  it('when --cluster is given, then every kubectl call targets that cluster', async () => {
    const result = await bench([
      '--target',
      'http://localhost:30080/',
      '--cluster',
      'demo',
      '--dry-run',
    ]);

    expect(result.stdout).not.toContain('kind-podtalk');
    expect(result.stdout.match(/--context kind-demo/g)).toHaveLength(4);
    expect(result.stdout).toContain('http://localhost:30080/api/messages?limit=20');
  });

  it('when --dry-run is given without --target, then it says dry runs are for kind runs only', async () => {
    const result = await bench(['--dry-run']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--dry-run applies to --target runs only');
  });
});
