import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let folder: string | undefined;

/** For tests: writes a stand-in kubectl (a shell script) and points KUBECTL at it. */
export function useFakeKubectl(script: string): void {
  restoreKubectl();
  folder = mkdtempSync(join(tmpdir(), 'fake-kubectl-'));
  const path = join(folder, 'kubectl');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  process.env.KUBECTL = path;
}

/** Removes the stand-in, if any, and points KUBECTL back at the real kubectl. */
export function restoreKubectl(): void {
  if (folder) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
  delete process.env.KUBECTL;
}
