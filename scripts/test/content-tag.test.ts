import { runSync } from '@podtalk/cluster-kit';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTag } from '../images/content-tag.js';

function repo() {
  const root = `${mkdtempSync(join(tmpdir(), 'podtalk-repo-'))}/`;
  for (const dir of ['services/api', 'services/db-client', 'packages/service-kit'])
    mkdirSync(join(root, dir), { recursive: true });
  const write = (file: string, text: string) => writeFileSync(join(root, file), text);
  write('package.json', '{}');
  write('pnpm-lock.yaml', 'lockfileVersion: 9');
  write('services/api/main.ts', 'api v1');
  write('services/db-client/main.ts', 'db v1');
  write('packages/service-kit/index.ts', 'kit v1');
  write('.gitignore', 'node_modules\n');
  runSync(['git', 'init', '-q'], { cwd: root });
  return { root, write };
}

describe('content-derived image tags', () => {
  it('when nothing changed, then the tag is the same', () => {
    const { root } = repo();

    expect(contentTag('api', root)).toBe(contentTag('api', root));
    expect(contentTag('api', root)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('when a service changes, then only its tag changes; when a shared package changes, then both do', () => {
    const { root, write } = repo();
    const before = { api: contentTag('api', root), db: contentTag('db-client', root) };

    write('services/api/main.ts', 'api v2');
    const afterApi = { api: contentTag('api', root), db: contentTag('db-client', root) };
    write('packages/service-kit/index.ts', 'kit v2');
    const afterKit = { api: contentTag('api', root), db: contentTag('db-client', root) };

    expect(afterApi.api).not.toBe(before.api);
    expect(afterApi.db).toBe(before.db);
    expect(afterKit.api).not.toBe(afterApi.api);
    expect(afterKit.db).not.toBe(afterApi.db);
  });

  it('when an ignored file changes, then the tag does not', () => {
    const { root, write } = repo();
    mkdirSync(join(root, 'services/api/node_modules'));
    const before = contentTag('api', root);

    write('services/api/node_modules/junk.js', 'x');

    expect(contentTag('api', root)).toBe(before);
  });
});
