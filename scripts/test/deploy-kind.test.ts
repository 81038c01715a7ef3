import { describe, expect, it } from 'vitest';
import { isolatedPath } from './support/fake-tools.js';
import { runDeployScript as runScript } from './support/run-script.js';

const TAG = '[0-9a-f]{12}';

describe('pnpm deploy:kind --dry-run', () => {
  it('when asked for a dry run, then it prints the whole plan in order and runs nothing, even without the tools', async () => {
    const { PATH } = isolatedPath();

    const result = await runScript('deploy-kind.ts', ['--dry-run'], PATH);

    expect(result.code).toBe(0);
    // Tags are content hashes; the next test pins that they are stable.
    expect(
      result.stdout
        .replace(/:[0-9a-f]{12}\b/g, ':<tag>')
        .trim()
        .split('\n'),
    ).toEqual([
      '# 1. Preflight: every tool the README lists',
      'node --version',
      'pnpm --version',
      "docker version --format '{{.Server.Version}}'",
      'docker buildx version',
      'kind version',
      'kubectl version --client',
      'curl --version',
      'jq --version',
      '# 2. Cluster podtalk',
      'kind get clusters',
      'kind create cluster --name podtalk --config k8s/kind/cluster.yaml --wait 120s   # only if podtalk is not listed',
      '# 3. Build images (content-derived tags)',
      'docker buildx build --load --file services/db-client/Dockerfile --tag podtalk/db-client:<tag> .',
      'docker buildx build --load --file services/api/Dockerfile --tag podtalk/api:<tag> .',
      '# 4. Load images into the kind nodes',
      'kind load docker-image podtalk/db-client:<tag> --name podtalk',
      'kind load docker-image podtalk/api:<tag> --name podtalk',
      '# 5. Namespace and the MySQL Secret',
      'kubectl --context kind-podtalk apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts --filename k8s/base/namespace.yaml',
      'kubectl --context kind-podtalk --namespace podtalk get secret mysql --ignore-not-found --output name',
      'kubectl --context kind-podtalk create --filename -   # only if absent; random passwords on stdin; an existing Secret is never replaced',
      '# 6. Apply the kind overlay with these tags',
      '# writes k8s/.deploy/kustomization.yaml: podtalk/db-client:<tag>, podtalk/api:<tag>',
      'kubectl --context kind-podtalk get --kustomize k8s/.deploy --ignore-not-found --output json   # each object as it is now',
      'kubectl --context kind-podtalk apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts --kustomize k8s/.deploy --output json   # then each is reported created, changed or unchanged',
      '# 7. Wait for the rollouts',
      'kubectl --context kind-podtalk --namespace podtalk rollout status statefulset/mysql --timeout=300s',
      'kubectl --context kind-podtalk --namespace podtalk rollout status deployment/db-client --timeout=180s',
      'kubectl --context kind-podtalk --namespace podtalk rollout status deployment/api --timeout=180s',
    ]);
  });

  it('when run twice without a change, then the tags are the same', async () => {
    const first = await runScript('deploy-kind.ts', ['--dry-run']);
    const second = await runScript('deploy-kind.ts', ['--dry-run']);

    expect(first.stdout).toBe(second.stdout);
  });

  it('when --cluster and --skip-build are given, then it builds nothing and targets that cluster', async () => {
    const result = await runScript('deploy-kind.ts', [
      '--dry-run',
      '--cluster',
      'demo',
      '--skip-build',
    ]);

    expect(result.stdout).not.toContain('Build images');
    expect(result.stdout).not.toContain('buildx build');
    expect(result.stdout).toContain('kind create cluster --name demo');
    expect(result.stdout).toMatch(
      new RegExp(`kind load docker-image podtalk/api:${TAG} --name demo`),
    );
    expect(result.stdout).toContain('kubectl --context kind-demo apply --server-side');
    expect(result.stdout).not.toContain('kind-podtalk');
  });

  it('when --image names a node image, then the cluster is created with it for every node', async () => {
    const result = await runScript('deploy-kind.ts', [
      '--dry-run',
      '--image',
      'kindest/node:v1.30.13',
    ]);

    expect(result.stdout).toContain(
      'kind create cluster --name podtalk --config k8s/kind/cluster.yaml --image kindest/node:v1.30.13 --wait 120s',
    );
  });

  it('when KIND_NODE_IMAGE is set, then it chooses the node image, and --image wins over it', async () => {
    const fromEnv = await runScript('deploy-kind.ts', ['--dry-run'], process.env.PATH, {
      KIND_NODE_IMAGE: 'kindest/node:v1.32.5',
    });
    const fromFlag = await runScript(
      'deploy-kind.ts',
      ['--dry-run', '--image', 'kindest/node:v1.30.13'],
      process.env.PATH,
      { KIND_NODE_IMAGE: 'kindest/node:v1.32.5' },
    );

    expect(fromEnv.stdout).toContain('--image kindest/node:v1.32.5 --wait');
    expect(fromFlag.stdout).toContain('--image kindest/node:v1.30.13 --wait');
    expect(fromFlag.stdout).not.toContain('v1.32.5');
  });

  it('when a flag is unknown, then it exits 2 with the usage and no stack trace', async () => {
    const result = await runScript('deploy-kind.ts', ['--dryrun']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Unknown option '--dryrun'");
    expect(result.stderr).toContain('Usage: pnpm deploy:kind');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('when teardown runs as a dry run, then it prints the one delete command', async () => {
    const result = await runScript('teardown-kind.ts', ['--dry-run', '--cluster', 'demo']);

    expect(result.stdout.trim()).toBe('kind delete cluster --name demo');
  });
});
