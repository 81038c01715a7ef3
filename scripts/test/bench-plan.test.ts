import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runScript } from './support/run-script.js';

const RUN = fileURLToPath(new URL('../bench/run.ts', import.meta.url));

const bench = (args: string[]) => runScript(RUN, args);

const lines = (stdout: string) => stdout.trim().split('\n');

const KUBECTL = 'kubectl --context kind-podtalk --namespace podtalk';
const APPLY = `${KUBECTL} apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts --kustomize`;

const scaledTo = (stdout: string) =>
  lines(stdout)
    .filter((l) => l.includes('scale deployment/api'))
    .map((l) => Number(l.split('=').at(-1)));

/** How many api pods each step labels into the Service. */
const servingCounts = (stdout: string) =>
  lines(stdout)
    .filter((l) => l.includes('podtalk.dev/bench-serving=yes'))
    .map((l) => (l.match(/<api pod \d+>/g) ?? []).length);

describe('pnpm bench --target (kind) --dry-run', () => {
  it('when planned, then 5 pods start once, and each of seven rounds warms them all in the Service and labels them out from 5 to 3 to 1, starting from another pod; the run ends by restoring the deployed state', async () => {
    const result = await bench(['--target', 'http://localhost:30080', '--dry-run']);
    const plan = lines(result.stdout);

    expect(result.code).toBe(0);
    expect(plan).toContain(
      '# writes k8s/.bench/kustomization.yaml: each api pod held to 100m CPU, 1 db-client to 400m on the control-plane node, on top of the deployed state',
    );
    expect(plan).toContain(`${APPLY} k8s/.bench`);
    // No pod starts mid-run: the Deployment is scaled once, and the steps only relabel.
    expect(scaledTo(result.stdout)).toEqual([5]);
    const round = [5, 5, 3, 1];
    expect(servingCounts(result.stdout)).toEqual(Array.from({ length: 7 }, () => round).flat());
    // One replica is another pod in each round.
    expect(
      plan.filter((l) => /label pod '<api pod \d>' podtalk.dev\/bench-serving=yes/.test(l)),
    ).toEqual(
      [1, 2, 3, 4, 5, 1, 2].map(
        (n) => `${KUBECTL} label pod '<api pod ${n}>' podtalk.dev/bench-serving=yes --overwrite`,
      ),
    );
    expect(plan).toContain(
      `${KUBECTL} label pod '<api pod 2>' '<api pod 3>' '<api pod 4>' '<api pod 5>' podtalk.dev/bench-serving=no --overwrite`,
    );
    const load = plan.filter((l) => l.startsWith('# load:'));
    expect(load).toHaveLength(7 * 4);
    expect(
      load.filter((l) => l.includes('80 keep-alive connections') && / for \d+ s$/.test(l)),
    ).toEqual([
      expect.stringMatching(/ for 300 s$/),
      ...Array.from({ length: 6 }, () => expect.stringMatching(/ for 60 s$/)),
    ]);
    expect(plan).toContain(
      '# load: 16 keep-alive connections, each sending GET http://localhost:30080/api/messages?limit=20 again as soon as it is answered: 5 s warm-up, then 30 s measured',
    );
    expect(plan.slice(-3)).toEqual([
      `${APPLY} k8s/.deploy`,
      `${KUBECTL} rollout status deployment/db-client --timeout=240s`,
      `${KUBECTL} rollout status deployment/api --timeout=240s`,
    ]);
  });

  it('when --short, then one round of 3 and 1 replicas, with short steps', async () => {
    const result = await bench(['--target', 'http://localhost:30080', '--short', '--dry-run']);

    expect(scaledTo(result.stdout)).toEqual([3]);
    expect(servingCounts(result.stdout)).toEqual([3, 3, 1]);
    expect(result.stdout).toContain('2 s warm-up, then 4 s measured');
  });

  it('when --cluster and --api-cpu are given, then every kubectl call targets that cluster and the budget is used', async () => {
    const result = await bench([
      '--target',
      'http://localhost:30080/',
      '--cluster',
      'demo',
      '--api-cpu',
      '250m',
      '--short',
      '--dry-run',
    ]);

    expect(result.stdout).not.toContain('kind-podtalk');
    expect(result.stdout).toContain('--context kind-demo');
    expect(result.stdout).toContain('kind get nodes --name demo');
    expect(result.stdout).toContain('each api pod held to 250m CPU');
    expect(result.stdout).toContain('GET http://localhost:30080/api/messages?limit=20');
  });

  it('when --dry-run is given without --target, then it says dry runs are for kind runs only', async () => {
    const result = await bench(['--dry-run']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--dry-run applies to --target runs only');
  });
});
