import { afterEach, describe, expect, it } from 'vitest';
import { RefusedContext, requireKindContext } from '../src/context-guard.js';
import { useFakeKubectl } from './fake-kubectl.js';

afterEach(() => {
  delete process.env.KUBECTL;
});

const nodes = (providerID: string) =>
  JSON.stringify({ items: [{ spec: { providerID } }, { spec: { providerID } }] });

describe('the kind-only guard', () => {
  it('when the current context is a reachable kind cluster, then it returns the context to pin', async () => {
    useFakeKubectl(`case "$*" in
  "config current-context") echo kind-podtalk ;;
  *"get nodes"*) echo '${nodes('kind://docker/podtalk/podtalk-worker')}' ;;
esac`);

    await expect(requireKindContext()).resolves.toBe('kind-podtalk');
  });

  it('when the current context is not kind, then it refuses and says how to switch', async () => {
    useFakeKubectl('echo prod-eu-west');

    const attempt = requireKindContext();

    await expect(attempt).rejects.toBeInstanceOf(RefusedContext);
    await expect(attempt).rejects.toThrow(
      /"prod-eu-west", which is not a kind cluster.*kubectl config use-context kind-podtalk/,
    );
  });

  it('when a context is named kind- but its nodes are not kind nodes, then it refuses', async () => {
    useFakeKubectl(`case "$*" in
  "config current-context") echo kind-impostor ;;
  *"get nodes"*) echo '${nodes('aws:///eu-west-1a/i-0abc')}' ;;
esac`);

    await expect(requireKindContext()).rejects.toThrow(/nodes are not kind nodes/);
  });

  it('when the cluster does not answer, then it fails within its time limit with a clear message', async () => {
    useFakeKubectl(`case "$*" in
  "config current-context") echo kind-podtalk ;;
  *) sleep 30 ;;
esac`);
    const started = Date.now();

    await expect(requireKindContext(2_000)).rejects.toThrow(
      /did not answer within 2 s.*pnpm deploy:kind/,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('when there is no current context, then it says to deploy first', async () => {
    useFakeKubectl('echo "error: current-context is not set" >&2; exit 1');

    await expect(requireKindContext()).rejects.toThrow(
      'There is no current kube context. Create the cluster first: pnpm deploy:kind',
    );
  });
});
