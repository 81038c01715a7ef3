import { afterEach, describe, expect, it } from 'vitest';
import { bindKubectl, restoreKubectl, useFakeKubectl } from '../src/index.js';

afterEach(restoreKubectl);

describe('kubectl', () => {
  it('when it exits without reading the input it was given, then its exit code and message are reported', async () => {
    useFakeKubectl(`echo 'error: unknown flag' >&2; exit 2`);
    // More than a pipe buffer holds, so the write is still pending when kubectl is gone.
    const input = 'x'.repeat(1024 * 1024);

    const result = await bindKubectl('kind-podtalk', 'podtalk').result(
      ['apply', '--filename', '-'],
      { input },
    );

    expect(result).toMatchObject({ code: 2, stderr: 'error: unknown flag\n' });
  });

  it('when bound to a context and namespace, then every call names both, and a failure names the call', async () => {
    useFakeKubectl(`echo "called with: $*" >&2; exit 1`);
    const kube = bindKubectl('kind-podtalk', 'podtalk');

    const failing = kube.run(['get', 'pods']);

    await expect(failing).rejects.toThrow(
      'called with: --context kind-podtalk --namespace podtalk get pods',
    );
  });

  it('when moved to another namespace, then only the namespace changes', async () => {
    useFakeKubectl(`echo "$*"`);

    const printed = await bindKubectl('kind-podtalk', 'podtalk')
      .inNamespace('probe')
      .run(['get', 'pods']);

    expect(printed.trim()).toBe('--context kind-podtalk --namespace probe get pods');
  });
});
