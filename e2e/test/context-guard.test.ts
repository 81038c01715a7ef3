import { afterEach, describe, expect, it } from 'vitest';
import { chooseTarget, RefusedContext } from '../src/context-guard.js';
import { restoreKubectl, useFakeKubectl } from '@podtalk/cluster-kit';

afterEach(restoreKubectl);

const nodes = (...providerIDs: string[]) =>
  JSON.stringify({ items: providerIDs.map((providerID) => ({ spec: { providerID } })) });

/** A kubectl that knows these contexts and answers `get nodes` for kind-podtalk with these nodes. */
const kubectlWith = (contexts: string[], nodesJson: string) => `case "$*" in
  "config get-contexts --output name") printf '%s\\n' ${contexts.join(' ')} ;;
  "--context kind-podtalk "*"get nodes"*) echo '${nodesJson}' ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac`;

describe('the podtalk-cluster-only guard', () => {
  it('when kind-podtalk exists and its nodes are the podtalk cluster, then it returns that context to pin', async () => {
    useFakeKubectl(
      kubectlWith(
        ['prod-eu-west', 'kind-podtalk'],
        nodes(
          'kind://docker/podtalk/podtalk-control-plane',
          'kind://docker/podtalk/podtalk-worker',
        ),
      ),
    );

    await expect(chooseTarget()).resolves.toEqual({ context: 'kind-podtalk', kind: true });
  });

  it('when only another kind cluster exists, then it refuses, however current that context is', async () => {
    useFakeKubectl(kubectlWith(['kind-scratch'], nodes('kind://docker/scratch/scratch-worker')));

    const attempt = chooseTarget();

    await expect(attempt).rejects.toBeInstanceOf(RefusedContext);
    await expect(attempt).rejects.toThrow(
      'There is no kube context "kind-podtalk": the e2e suite runs only on the kind cluster "podtalk", unless told otherwise. Create it first: pnpm deploy:kind',
    );
  });

  it('when --cluster names another cluster, then only that cluster’s context is accepted', async () => {
    useFakeKubectl(kubectlWith(['kind-podtalk'], nodes('kind://docker/podtalk/podtalk-worker')));

    await expect(chooseTarget({ cluster: 'demo' })).rejects.toThrow(
      'Create it first: pnpm deploy:kind --cluster demo',
    );
  });

  it('when kind-podtalk leads to nodes that are not the podtalk kind cluster, then it refuses', async () => {
    useFakeKubectl(
      kubectlWith(
        ['kind-podtalk'],
        nodes('kind://docker/podtalk/podtalk-worker', 'aws:///eu-west-1a/i-0abc'),
      ),
    );

    await expect(chooseTarget()).rejects.toThrow(
      'Context "kind-podtalk" does not lead to the nodes of the kind cluster "podtalk"',
    );
  });

  it('when the cluster does not answer, then it fails within its time limit with a clear message', async () => {
    useFakeKubectl(`case "$*" in
  "config get-contexts --output name") echo kind-podtalk ;;
  *) exec sleep 30 ;;
esac`);
    const started = Date.now();

    await expect(chooseTarget({ timeoutMs: 2_000 })).rejects.toThrow(
      /did not answer within 2 s.*pnpm deploy:kind/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('when another cluster is named without the explicit choice, then it refuses and says how to choose it', async () => {
    useFakeKubectl(kubectlWith(['kind-podtalk', 'prod'], nodes('aws:///eu-west-1a/i-0abc')));

    await expect(chooseTarget({ context: 'prod' })).rejects.toThrow(
      'Context "prod" is not podtalk\'s kind cluster. The suite deletes pods and scales workloads: to run its portable scenarios there, say so with --any-cluster (and --disruptive for the drains).',
    );
  });

  it('when another cluster is chosen explicitly, then it runs there, as a cluster that is not kind', async () => {
    useFakeKubectl(`case "$*" in
  "config get-contexts --output name") printf 'kind-podtalk\nprod\n' ;;
  "--context prod "*"get nodes"*) echo '${nodes('aws:///eu-west-1a/i-0abc')}' ;;
  *) echo "unexpected: $*" >&2; exit 1 ;;
esac`);

    await expect(chooseTarget({ context: 'prod', anyCluster: true })).resolves.toEqual({
      context: 'prod',
      kind: false,
    });
  });

  it('when podtalk’s own kind cluster is chosen with --any-cluster, then it is still known as kind', async () => {
    useFakeKubectl(kubectlWith(['kind-podtalk'], nodes('kind://docker/podtalk/podtalk-worker')));

    await expect(chooseTarget({ anyCluster: true })).resolves.toEqual({
      context: 'kind-podtalk',
      kind: true,
    });
  });
});
