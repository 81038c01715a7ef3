import { chmodSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSync } from '@podtalk/cluster-kit';

/**
 * A bin folder holding only node, git and env (which every machine has), to run a script as
 * if docker, kind and kubectl were not installed. `scripts` adds stand-in executables by name.
 */
export function isolatedPath(scripts: Record<string, string> = {}): { dir: string; PATH: string } {
  const dir = mkdtempSync(join(tmpdir(), 'podtalk-bin-'));
  // A stand-in takes a tool's place; it never writes through the link to the real binary.
  if (!('node' in scripts)) symlinkSync(process.execPath, join(dir, 'node'));
  for (const tool of ['git', 'env'].filter((tool) => !(tool in scripts)))
    symlinkSync(runSync(['which', tool]).stdout.trim(), join(dir, tool));
  for (const [name, body] of Object.entries(scripts)) {
    writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(dir, name), 0o755);
  }
  return { dir, PATH: dir };
}
