import { describe, expect, it } from 'vitest';
import { kindDeploySteps } from '../deploy/kind-deploy.js';
import { runSteps } from '../deploy/steps.js';
import { recordingShell, type Fixture } from '../lib/shell.js';
import { PUSHED, TOOLS_PRESENT } from './support/answers.js';
import { isolatedPath } from './support/fake-tools.js';
import { runDeployScript as runScript } from './support/run-script.js';

const KUBECTL = 'kubectl --context kind-podtalk';
const APPLY = `${KUBECTL} apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts`;
const tag = (command: string) => command.replace(/:[0-9a-f]{12}\b/g, ':<tag>');

/** pnpm deploy:kind's plan against a machine whose answers the fixtures give. */
async function plan(
  fixtures: Fixture[],
  options = { cluster: 'podtalk', nodeImage: undefined as string | undefined },
) {
  const recording = recordingShell([...TOOLS_PRESENT, ...PUSHED, ...fixtures]);
  await runSteps(kindDeploySteps(options), recording.shell);
  return { ...recording, commands: () => recording.commands().map(tag) };
}

const NO_CLUSTER: Fixture[] = [
  [/^kind get clusters$/, ''],
  [/^whether a registry answers at localhost:5001$/, 'false'],
  [/^docker version --format '\{\{\.Server\.Arch\}\}'$/, 'amd64\n'],
];

describe('pnpm deploy:kind, as a plan', () => {
  it('when nothing exists yet, then it creates the cluster and kind’s local registry, builds for the machine, pushes, and applies by digest', async () => {
    const { commands, actions } = await plan(NO_CLUSTER);

    expect(commands().slice(8)).toEqual([
      'kind get clusters',
      'kind create cluster --name podtalk --config k8s/kind/cluster.yaml --wait 120s',
      `${KUBECTL} wait node --all --for=condition=Ready --timeout=180s`,
      'docker run --detach --restart=always --publish 127.0.0.1:5001:5000 --network bridge --name kind-registry registry:3',
      'docker network connect kind kind-registry',
      ...['podtalk-control-plane', 'podtalk-worker', 'podtalk-worker2'].map(
        (node) =>
          `docker exec --interactive ${node} sh -c 'mkdir -p /etc/containerd/certs.d/localhost:5001 && cat > /etc/containerd/certs.d/localhost:5001/hosts.toml'`,
      ),
      "docker version --format '{{.Server.Arch}}'",
      'docker buildx build --load --platform linux/amd64 --build-arg SERVICE=db-client --file services/Dockerfile --tag localhost:5001/podtalk/db-client:<tag> .',
      'docker buildx build --load --platform linux/amd64 --build-arg SERVICE=api --file services/Dockerfile --tag localhost:5001/podtalk/api:<tag> .',
      'docker push localhost:5001/podtalk/db-client:<tag>',
      'docker push localhost:5001/podtalk/api:<tag>',
      `${APPLY} --filename k8s/base/namespace.yaml`,
      `${KUBECTL} create --filename -`,
      `${APPLY} --kustomize k8s/.deploy/kind --output json`,
      `${KUBECTL} --namespace podtalk rollout status statefulset/mysql --timeout=300s`,
      `${KUBECTL} --namespace podtalk rollout status deployment/jaeger --timeout=180s`,
      `${KUBECTL} --namespace podtalk rollout status deployment/db-client --timeout=180s`,
      `${KUBECTL} --namespace podtalk rollout status deployment/api --timeout=180s`,
    ]);
    // Nothing is loaded into the nodes: they pull what was pushed, by digest.
    expect(commands().filter((c) => c.startsWith('kind load'))).toEqual([]);
    expect(actions).toContainEqual({
      kind: 'work',
      what: 'writes k8s/.deploy/kind/kustomization.yaml: the kind overlay, each image by the digest its push reported',
    });
  });

  it('when the cluster and a registry exist, then it keeps both, reads what is there, and keeps the Secret', async () => {
    const { commands } = await plan([
      [/^kind get clusters$/, 'podtalk\n'],
      [/^whether a registry answers at localhost:5001$/, 'true'],
      [
        /^docker inspect --format '\{\{json \.NetworkSettings\.Networks\}\}' kind-registry$/,
        '{"bridge":{},"kind":{}}',
      ],
      [/^docker version --format '\{\{\.Server\.Arch\}\}'$/, 'arm64\n'],
      [/get secret mysql/, 'secret/mysql\n'],
      [/get --kustomize k8s\/overlays\/kind/, '{"kind":"List","items":[]}'],
    ]);

    expect(commands()).not.toContain(
      'kind create cluster --name podtalk --config k8s/kind/cluster.yaml --wait 120s',
    );
    expect(
      commands().filter((c) => c.startsWith('docker run') || c.startsWith('docker network')),
    ).toEqual([]);
    expect(commands()).toContain(
      `${KUBECTL} --namespace podtalk get secret mysql --ignore-not-found --output name`,
    );
    expect(commands()).not.toContain(`${KUBECTL} create --filename -`);
    expect(commands().find((c) => c.includes('--build-arg SERVICE=api'))).toContain(
      '--platform linux/arm64',
    );
  });

  it('when --cluster and a node image are given, then every call names that cluster and the image', async () => {
    const { commands } = await plan(NO_CLUSTER, {
      cluster: 'demo',
      nodeImage: 'kindest/node:v1.33.1',
    });

    expect(commands()).toContain(
      'kind create cluster --name demo --config k8s/kind/cluster.yaml --image kindest/node:v1.33.1 --wait 120s',
    );
    expect(commands().join('\n')).not.toContain('kind-podtalk');
    expect(commands()).toContain(
      "docker exec --interactive demo-worker2 sh -c 'mkdir -p /etc/containerd/certs.d/localhost:5001 && cat > /etc/containerd/certs.d/localhost:5001/hosts.toml'",
    );
  });

  it('when the registry refuses the push, then it stops there, says so, and has changed nothing in the cluster', async () => {
    const refused: Fixture = [
      /^docker push .*db-client/,
      { code: 1, stdout: '', stderr: 'denied: requested access to the resource is denied\n' },
    ];
    const recording = recordingShell([...TOOLS_PRESENT, refused, ...NO_CLUSTER]);

    const deploying = runSteps(
      kindDeploySteps({ cluster: 'podtalk', nodeImage: undefined }),
      recording.shell,
    );

    await expect(deploying).rejects.toThrow(
      /localhost:5001 refused the push of localhost:5001\/podtalk\/db-client:[0-9a-f]{12}; nothing in the cluster changed\.\ndocker said: denied: requested access to the resource is denied/,
    );
    // Only reads reached the cluster: the wait for its nodes, before the build.
    expect(recording.commands().filter((c) => c.startsWith('kubectl'))).toEqual([
      'kubectl version --client',
      `${KUBECTL} wait node --all --for=condition=Ready --timeout=180s`,
    ]);
  });
});

describe('pnpm deploy:kind, the command', () => {
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

  it('when asked for a dry run on a machine without the tools, then it stops at the preflight, as a real run would, and changes nothing', async () => {
    const { PATH } = isolatedPath();

    const result = await runScript('deploy-kind.ts', ['--dry-run'], PATH);

    expect(result.code).toBe(1);
    expect(result.stdout).toContain('# 1. Preflight: every tool this deploy needs');
    expect(result.stdout).toContain('kind version');
    expect(result.stdout).not.toContain('kind create cluster');
    expect(result.stderr.trim()).toBe(
      '✗ preflight failed: install what is missing above, then run this again',
    );
  });
});
