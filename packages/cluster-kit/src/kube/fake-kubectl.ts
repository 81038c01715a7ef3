import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** For tests: writes a stand-in kubectl (a shell script) and points KUBECTL at it. */
export function useFakeKubectl(script: string): void {
  const path = join(mkdtempSync(join(tmpdir(), 'fake-kubectl-')), 'kubectl');
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
  process.env.KUBECTL = path;
}
