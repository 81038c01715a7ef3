import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterDeploySteps } from '../deploy/cluster-deploy.js';
import { policyVerdict } from '../deploy/steps/policy-probe.js';
import { runSteps } from '../deploy/steps.js';
import { recordingShell, type Fixture } from '../lib/shell.js';
import { nodes, PUSHED, TOOLS_PRESENT } from './support/answers.js';
import { isolatedPath } from './support/fake-tools.js';
import { runDeployScript as runScript } from './support/run-script.js';

const KUBECTL = 'kubectl --context prod';
const APPLY = `${KUBECTL} apply --server-side --validate=strict --field-manager podtalk-deploy --force-conflicts`;
const DEFAULT_CLASS = JSON.stringify({
  items: [
    {
      metadata: {
        name: 'standard',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
      },
    },
  ],
});
const A_CLUSTER: Fixture[] = [
  [/^kubectl config get-contexts --output name$/, 'kind-podtalk\nprod\n'],
  [/get storageclasses/, DEFAULT_CLASS],
  [/^whether a registry answers at ghcr\.io\/team$/, 'true'],
  [/get nodes --output json/, nodes('amd64', 'amd64', 'amd64')],
  [/get --kustomize k8s\/overlays\/cluster/, '{"kind":"List","items":[]}'],
  [/get secret mysql/, ''],
];

/** pnpm deploy:cluster's plan against a cluster and a registry whose answers the fixtures give. */
function deploy(fixtures: Fixture[]) {
  const recording = recordingShell([...fixtures, ...TOOLS_PRESENT, ...PUSHED]);
  const done = runSteps(
    clusterDeploySteps({ context: 'prod', registry: 'ghcr.io/team' }),
    recording.shell,
  );
  const changes = () => recording.actions.filter((a) => a.kind !== 'read' && a.kind !== 'ask');
  return { done, ...recording, changes };
}

describe('pnpm deploy:cluster, as a plan', () => {
  it('when the cluster is ready, then it builds for its nodes’ platform, pushes, applies the cluster overlay by digest, and probes NetworkPolicy', async () => {
    const { done, commands, actions } = deploy(A_CLUSTER);
    await done;

    expect(commands().filter((c) => !c.includes('version'))).toEqual([
      'kubectl config get-contexts --output name',
      `${KUBECTL} get storageclasses --output json`,
      `${KUBECTL} get nodes --output json`,
      expect.stringMatching(
        /^docker buildx build --load --platform linux\/amd64 --build-arg SERVICE=db-client --file services\/Dockerfile --tag ghcr\.io\/team\/podtalk\/db-client:[0-9a-f]{12} \.$/,
      ),
      expect.stringMatching(
        /--build-arg SERVICE=api .* --tag ghcr\.io\/team\/podtalk\/api:[0-9a-f]{12} \.$/,
      ),
      expect.stringMatching(/^docker push ghcr\.io\/team\/podtalk\/db-client:[0-9a-f]{12}$/),
      expect.stringMatching(/^docker push ghcr\.io\/team\/podtalk\/api:/),
      `${APPLY} --filename k8s/base/namespace.yaml`,
      `${KUBECTL} --namespace podtalk get secret mysql --ignore-not-found --output name`,
      `${KUBECTL} create --filename -`,
      `${KUBECTL} get --kustomize k8s/overlays/cluster --ignore-not-found --output json`,
      `${APPLY} --kustomize k8s/.deploy/cluster --output json`,
      `${KUBECTL} --namespace podtalk rollout status statefulset/mysql --timeout=300s`,
      `${KUBECTL} --namespace podtalk rollout status deployment/jaeger --timeout=180s`,
      `${KUBECTL} --namespace podtalk rollout status deployment/db-client --timeout=180s`,
      `${KUBECTL} --namespace podtalk rollout status deployment/api --timeout=180s`,
      `${KUBECTL} wait --for=delete namespace/podtalk-policy-probe --timeout=120s`,
      `${APPLY} --filename -`,
      `${KUBECTL} --namespace podtalk-policy-probe apply --filename e2e/manifests/network-probe.yaml`,
      `${KUBECTL} --namespace podtalk-policy-probe wait pod/network-probe --for=condition=Ready --timeout=120s`,
      `${KUBECTL} delete namespace podtalk-policy-probe --ignore-not-found --wait=false`,
    ]);
    expect(commands().filter((c) => c.startsWith('kind '))).toEqual([]);
    expect(actions).toContainEqual({
      kind: 'work',
      what: 'connects from the probe to db-client:8080 and to the api:80 (e2e/probes/connect.sh)',
    });
  });

  it('when the nodes run two architectures, then one multi-platform image is pushed by buildx itself', async () => {
    const { done, commands } = deploy([
      [/get nodes --output json/, nodes('arm64', 'amd64')],
      ...A_CLUSTER,
    ]);
    await done;

    const builds = commands().filter((c) => c.includes('buildx build'));
    expect(builds).toHaveLength(2);
    for (const build of builds)
      expect(build).toMatch(
        /^docker buildx build --push --metadata-file \S+ --platform linux\/amd64,linux\/arm64 /,
      );
    expect(commands().filter((c) => c.startsWith('docker push'))).toEqual([]);
  });

  it('when the context does not exist, then it says so and changes nothing', async () => {
    const { done, changes } = deploy([
      [/^kubectl config get-contexts/, 'kind-podtalk\nstaging\n'],
      ...A_CLUSTER,
    ]);

    await expect(done).rejects.toThrow(
      'There is no kube context "prod" (kubectl config get-contexts lists kind-podtalk, staging). Nothing was changed.',
    );
    expect(changes()).toEqual([]);
  });

  it('when the cluster has no default StorageClass, then it names the fix and changes nothing', async () => {
    const noDefault = JSON.stringify({ items: [{ metadata: { name: 'slow', annotations: {} } }] });
    const { done, changes } = deploy([[/get storageclasses/, noDefault], ...A_CLUSTER]);

    await expect(done).rejects.toThrow(
      /has no default StorageClass, so MySQL's volume claim would wait forever\. Mark one as the default \(kubectl patch storageclass/,
    );
    expect(changes()).toEqual([]);
  });

  it('when no registry answers, then it says where it asked and changes nothing', async () => {
    const { done, changes } = deploy([[/^whether a registry answers/, 'false'], ...A_CLUSTER]);

    await expect(done).rejects.toThrow(
      'No registry answers at ghcr.io/team (GET /v2/). Nothing was changed.',
    );
    expect(changes()).toEqual([]);
  });

  it('when the registry refuses the push, then it stops before the cluster, with docker’s words', async () => {
    const refused: Fixture = [
      /^docker push .*db-client/,
      { code: 1, stdout: '', stderr: 'unauthorized: authentication required\n' },
    ];
    const { done, commands } = deploy([refused, ...A_CLUSTER]);

    await expect(done).rejects.toThrow(
      /ghcr\.io\/team refused the push of .*; nothing in the cluster changed\.\ndocker said: unauthorized: authentication required/,
    );
    expect(commands().filter((c) => c.includes(' apply ') || c.includes(' create '))).toEqual([]);
  });
});

describe('what the NetworkPolicy probe concludes', () => {
  it.each([
    [{ api: true, 'db-client': false }, /^✓ NetworkPolicy is enforced/],
    [
      { api: true, 'db-client': true },
      /^⚠ This cluster does not enforce NetworkPolicy: .*security claims \(docs\/security\.md\) do not hold/,
    ],
    [{ api: false, 'db-client': false }, /^⚠ The probe reached nothing/],
  ])('when the probe reached %o, then it says %s', (reached, said) => {
    expect(policyVerdict(reached)).toMatch(said);
  });
});

describe('pnpm deploy:cluster, the command', () => {
  it('when --context names a context the kubeconfig lacks, then it exits 1 with that sentence, and nothing changed', async () => {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podtalk-kubeconfig-')), 'config');
    writeFileSync(
      kubeconfig,
      'apiVersion: v1\nkind: Config\ncontexts: []\nclusters: []\nusers: []\n',
    );
    // The preflight's tools stand in; kubectl is the real one, reading a kubeconfig of no contexts.
    const { PATH } = isolatedPath({
      pnpm: 'echo 10.34.8',
      docker: 'case "$1" in version) echo 28.2.2 ;; buildx) exit 0 ;; *) exit 9 ;; esac',
      curl: 'echo "curl 8.5.0"',
      jq: 'echo jq-1.7.1',
    });

    const result = await runScript(
      'deploy-cluster.ts',
      ['--context', 'nowhere', '--registry', 'localhost:5001'],
      `${PATH}:${process.env.PATH}`,
      { KUBECONFIG: kubeconfig },
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'There is no kube context "nowhere" (kubectl config get-contexts lists none). Nothing was changed.',
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('when --context or --registry is missing, then it says both are needed', async () => {
    const result = await runScript('deploy-cluster.ts', ['--context', 'prod']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('both --context and --registry are needed');
  });
});
