import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from './support/run-script.js';

const RUN = fileURLToPath(new URL('../bench/run.ts', import.meta.url));

const bench = (args: string[]) => runScript(RUN, args);

const lines = (stdout: string) => stdout.trim().split('\n');

describe('pnpm bench --target (kind) --dry-run', () => {
  it('when planned, then it shapes the run as data, searches 5 down to 1 replicas, and ends by restoring the deployed state', async () => {
    const result = await bench(['--target', 'http://localhost:30080', '--dry-run']);
    const plan = lines(result.stdout);
    const kubectl = 'kubectl --context kind-podtalk --namespace podtalk';

    expect(result.code).toBe(0);
    expect(plan).toContain(
      'write k8s/.deploy/kustomization.yaml   # those tags, exactly as the deploy writes it',
    );
    expect(plan.filter((l) => l.startsWith('#   ')).join('\n')).toMatch(
      /name: api[\s\S]*cpu: 100m[\s\S]*name: db-client[\s\S]*replicas: 1[\s\S]*cpu: 250m/,
    );
    expect(plan).toContain(
      `${kubectl} apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts --kustomize k8s/.bench`,
    );
    // Warm every pod at 5, then measure from 5 down: scaling down never adds a cold pod.
    expect(plan.filter((l) => l.includes('scale deployment/api'))).toEqual(
      [5, 5, 4, 3, 2, 1].map((n) => `${kubectl} scale deployment/api --replicas=${n}`),
    );
    expect(plan.filter((l) => l.startsWith('open-loop GET'))).toHaveLength(6);
    expect(plan).toContain(
      'open-loop GET http://localhost:30080/api/messages?limit=20 at 300 req/s for 30 s, a new connection per request   # the warm-up',
    );
    expect(plan.slice(-4)).toEqual([
      '# 4. Always, even after a failure: back to the deployed state',
      `${kubectl} apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts --kustomize k8s/.deploy`,
      `${kubectl} rollout status deployment/db-client --timeout=240s`,
      `${kubectl} rollout status deployment/api --timeout=240s`,
    ]);
  });

  it('when --short, then only 1 and 3 replicas, with shorter steps', async () => {
    const result = await bench(['--target', 'http://localhost:30080', '--short', '--dry-run']);

    expect(
      lines(result.stdout)
        .filter((l) => l.includes('scale deployment/api'))
        .map((l) => l.split('=').at(-1)),
    ).toEqual(['3', '3', '1']);
    expect(result.stdout).toMatch(/1 s \+ 3 s a step/);
  });

  it('when --cluster and --api-cpu are given, then every kubectl call targets that cluster and the budget is used', async () => {
    const result = await bench([
      '--target',
      'http://localhost:30080/',
      '--cluster',
      'demo',
      '--api-cpu',
      '250m',
      '--dry-run',
    ]);

    expect(result.stdout).not.toContain('kind-podtalk');
    expect(result.stdout).toContain('--context kind-demo');
    expect(result.stdout).toContain('cpu: 250m');
    expect(result.stdout).toContain('GET http://localhost:30080/api/messages?limit=20');
  });

  it('when --dry-run is given without --target, then it says dry runs are for kind runs only', async () => {
    const result = await bench(['--dry-run']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--dry-run applies to --target runs only');
  });
});
