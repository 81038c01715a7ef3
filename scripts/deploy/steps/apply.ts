import { serverSideApply, type Command } from '@podtalk/cluster-kit';
import { applyReport, objectsIn } from '../apply-report.js';
import { deployDir, deployKustomization, type Overlay } from '../kustomization.js';
import type { DeployState } from '../state.js';
import type { Step } from '../steps.js';
import { pushedImages } from './images.js';

/**
 * Writes the per-deploy kustomization with the pushed digests, applies it server-side, and
 * reports each object created, changed or unchanged: the API server stores an object, and gives
 * it a new resourceVersion, only when something in it changed.
 */
export const applyStep = (kubectl: Command, overlay: Overlay, state: DeployState): Step => ({
  title: `Apply the ${overlay} overlay, each image by its digest`,
  async run(shell) {
    const dir = deployDir(overlay);
    await shell.work(
      `writes ${dir}/kustomization.yaml: the ${overlay} overlay, each image by the digest its push reported`,
      () => {
        shell.write(
          `${dir}/kustomization.yaml`,
          deployKustomization(overlay, pushedImages(state.pushed)),
          'by digest',
        );
        return Promise.resolve();
      },
    );
    const before = state.clusterIsNew
      ? []
      : objectsIn(
          await shell.read([
            ...kubectl,
            'get',
            '--kustomize',
            `k8s/overlays/${overlay}`,
            '--ignore-not-found',
            '--output',
            'json',
          ]),
        );
    const after = objectsIn(
      await shell.run([...serverSideApply(kubectl), '--kustomize', dir, '--output', 'json'], {
        note: 'then each object is reported created, changed or unchanged',
      }),
    );
    const report = applyReport(before, after);
    for (const { object, change } of report) shell.log(`${object} ${change}`);
    const unchanged = report.filter((r) => r.change === 'unchanged').length;
    shell.log(`${report.length - unchanged} of ${report.length} objects created or changed`);
  },
});
