import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { kubeForSuite } from '../../src/index.js';

const kube = kubeForSuite();
const overlay = (name: string) =>
  fileURLToPath(new URL(`../../../k8s/overlays/${name}`, import.meta.url));

/** Objects sent to the API server with strict field validation, on a dry run: checked, never stored. */
const strictDryRun = (args: string[], input?: string) =>
  kube.run(['apply', '--dry-run=server', '--validate=strict', ...args, '--output', 'name'], {
    input,
  });

describe('19. the API server validates every object strictly', () => {
  it.each(['kind', 'cluster'])(
    'when the %s overlay is sent with strict validation, then the API server accepts every object',
    async (name) => {
      const rendered = await kube.run(['kustomize', overlay(name)]);

      const accepted = await strictDryRun(['--kustomize', overlay(name)]);

      expect(accepted.trim().split('\n')).toHaveLength(rendered.split(/^---$/m).length);
    },
  );

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
