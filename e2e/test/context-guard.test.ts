import { afterEach, describe, expect, it } from 'vitest';
import { RefusedContext, requireKindContext } from '../src/context-guard.js';
import { useFakeKubectl } from '@podtalk/cluster-kit';

afterEach(() => {
  delete process.env.KUBECTL;
});

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

    await expect(requireKindContext()).resolves.toBe('kind-podtalk');
  });

  it('when only another kind cluster exists, then it refuses, however current that context is', async () => {
    useFakeKubectl(kubectlWith(['kind-scratch'], nodes('kind://docker/scratch/scratch-worker')));

    const attempt = requireKindContext();

    await expect(attempt).rejects.toBeInstanceOf(RefusedContext);
    await expect(attempt).rejects.toThrow(
      'There is no kube context "kind-podtalk": the e2e suite runs only on the kind cluster "podtalk". Create it first: pnpm deploy:kind',
    );
  });

  it('when --cluster names another cluster, then only that cluster’s context is accepted', async () => {
    useFakeKubectl(kubectlWith(['kind-podtalk'], nodes('kind://docker/podtalk/podtalk-worker')));

    await expect(requireKindContext('demo')).rejects.toThrow(
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

    await expect(requireKindContext()).rejects.toThrow(
      'Context "kind-podtalk" does not lead to the nodes of the kind cluster "podtalk"',
    );
  });

  it('when the cluster does not answer, then it fails within its time limit with a clear message', async () => {
    useFakeKubectl(`case "$*" in
  "config get-contexts --output name") echo kind-podtalk ;;
  *) exec sleep 30 ;;
esac`);
    const started = Date.now();

    await expect(requireKindContext('podtalk', 2_000)).rejects.toThrow(
      /did not answer within 2 s.*pnpm deploy:kind/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
