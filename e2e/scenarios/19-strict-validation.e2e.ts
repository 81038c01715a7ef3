import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kubeForSuite } from '../src/index.js';

const kube = kubeForSuite();
const KIND_OVERLAY = fileURLToPath(new URL('../../k8s/overlays/kind', import.meta.url));

/** Objects sent to the API server with strict field validation, on a dry run: checked, never stored. */
const strictDryRun = (args: string[], input?: string) =>
  kube.run(['apply', '--dry-run=server', '--validate=strict', ...args, '--output', 'name'], {
    input,
  });

describe('19. the API server validates every object strictly', () => {
  it('when the kind overlay is sent with strict validation, then the API server accepts every object', async () => {
    const accepted = await strictDryRun(['--kustomize', KIND_OVERLAY]);

    expect(accepted.trim().split('\n')).toHaveLength(17);
  });

  it('when an object carries a field its schema does not know, then the API server refuses it by name', async () => {
    const misspelled = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'strict-validation', namespace: 'podtalk' },
      data: { key: 'value' },
      dta: { key: 'value' },
    };

    await expect(strictDryRun(['--filename', '-'], JSON.stringify(misspelled))).rejects.toThrow(
      /unknown field "dta"/,
    );
  });
});
