import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { deployKustomization, type Overlay } from '../deploy/kustomization.js';
import { isWorkload, render } from '../kube/manifests.js';
import { REPO_ROOT } from '../lib/paths.js';

// A folder of this test's own beside k8s/.deploy, so the overlay's relative path holds.
const DIR = `k8s/.test-${randomBytes(4).toString('hex')}`;
afterAll(() => rmSync(`${REPO_ROOT}${DIR}`, { recursive: true, force: true }));

const DIGESTS = { api: `sha256:${'a'.repeat(64)}`, 'db-client': `sha256:${'b'.repeat(64)}` };

function renderDeploy(overlay: Overlay) {
  mkdirSync(`${REPO_ROOT}${DIR}/${overlay}`, { recursive: true });
  writeFileSync(
    `${REPO_ROOT}${DIR}/${overlay}/kustomization.yaml`,
    deployKustomization(overlay, {
      api: { name: 'ghcr.io/team/podtalk/api', digest: DIGESTS.api },
      'db-client': { name: 'ghcr.io/team/podtalk/db-client', digest: DIGESTS['db-client'] },
    }),
  );
  return render(`${DIR}/${overlay}`);
}

describe('the per-deploy kustomization', () => {
  it.each(['kind', 'cluster'] as const)(
    'when written for the %s overlay, then it renders that overlay with each of our images pinned by its pushed digest',
    (overlay) => {
      const images = renderDeploy(overlay)
        .filter(isWorkload)
        .map((o) => o.spec?.template.spec?.containers[0]?.image)
        .sort();

      expect(images).toEqual([
        `ghcr.io/team/podtalk/api@${DIGESTS.api}`,
        `ghcr.io/team/podtalk/db-client@${DIGESTS['db-client']}`,
        'jaegertracing/jaeger:2.12.0',
        'mysql:8.4.7',
      ]);
    },
  );
});
