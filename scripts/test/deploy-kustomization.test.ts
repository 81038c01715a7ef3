import { execaSync } from 'execa';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEPLOY_DIR, writeDeployKustomization } from '../deploy/kustomization.js';
import { isWorkload, parseYamlDocuments } from '../kube/manifests.js';
import { REPO_ROOT } from '../lib/paths.js';

afterAll(() => rmSync(`${REPO_ROOT}${DEPLOY_DIR}`, { recursive: true, force: true }));

describe('the per-deploy kustomization', () => {
  it('when written with tags, then it renders the kind overlay with exactly those images', () => {
    writeDeployKustomization({ api: 'aaaaaaaaaaaa', 'db-client': 'bbbbbbbbbbbb' });

    const objects = parseYamlDocuments(
      execaSync('kubectl', ['kustomize', DEPLOY_DIR], { cwd: REPO_ROOT }).stdout,
    );
    const images = objects
      .filter(isWorkload)
      .map((o) => o.spec?.template.spec?.containers[0]?.image)
      .sort();

    expect(images).toEqual([
      'mysql:8.4.7',
      'podtalk/api:aaaaaaaaaaaa',
      'podtalk/db-client:bbbbbbbbbbbb',
    ]);
  });
});
