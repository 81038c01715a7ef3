import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { execaSync } from 'execa';
import { REPO_ROOT } from '../lib/paths.js';

/** Everything that goes into a service's image: its own folder and what it builds with. */
export const imageInputs = (service: string) => [
  `services/${service}`,
  'packages',
  'package.json',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.npmrc',
  '.dockerignore',
];

/**
 * A tag derived from the content of the image's inputs (tracked and untracked files,
 * ignoring what .gitignore ignores). Same content, same tag: re-deploying without a change
 * applies identical manifests, and any change rolls out.
 */
export function contentTag(service: string, root = REPO_ROOT): string {
  const files = execaSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', ...imageInputs(service)],
    { cwd: root },
  )
    .stdout.split('\n')
    .filter(Boolean)
    .sort();
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
