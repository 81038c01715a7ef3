import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runSync } from '@podtalk/cluster-kit';
import { REPO_ROOT } from '../lib/paths.js';

/** Everything that goes into a service's image: its own folder and what it builds with. */
export const imageInputs = (service: string) => [
  `services/${service}`,
  'services/Dockerfile',
  'packages/contracts',
  'packages/service-kit',
  'packages/test-kit/package.json',
  'packages/cluster-kit/package.json',
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  'tsconfig.base.json',
  '.npmrc',
  '.dockerignore',
];

/**
 * A tag derived from the content of the image's inputs (tracked and untracked files,
 * ignoring what .gitignore ignores): it names what an image was built from. The deploys never
 * trust a tag to be fresh: they deploy the digest each push reports.
 */
export function contentTag(service: string, root = REPO_ROOT): string {
  const listed = runSync(
    [
      'git',
      'ls-files',
      '--cached',
      '--others',
      '--exclude-standard',
      '--',
      ...imageInputs(service),
    ],
    { cwd: root },
  );
  if (listed.code !== 0) throw new Error(`git ls-files failed in ${root}: ${listed.stderr}`);
  const files = listed.stdout.split('\n').filter(Boolean).sort();
  const hash = createHash('sha256');
  for (const file of new Set(files)) {
    let content: Buffer;
    try {
      content = readFileSync(`${root}${file}`);
    } catch {
      continue; // listed by git but deleted in the work tree
    }
    hash.update(file).update('\0').update(content).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
