import { run } from '@podtalk/cluster-kit';
import { fileURLToPath } from 'node:url';

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs one of the scripts as `pnpm <script>` does (node with tsx), with only the environment
 * given: PATH decides which tools it finds. Resolves with how it ended and what it printed.
 */
export async function runScript(
  path: string,
  args: string[],
  { PATH = process.env.PATH ?? '', env = {} }: { PATH?: string; env?: Record<string, string> } = {},
): Promise<ScriptRun> {
  const started = Date.now();
  const result = await run([process.execPath, '--import', 'tsx', path, ...args], {
    env: { PATH, ...env },
    timeoutMs: 30_000,
  });
  return {
    code: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: Date.now() - started,
  };
}

const DEPLOY = fileURLToPath(new URL('../../deploy/', import.meta.url));

/** One of scripts/deploy/'s scripts by file name, finding its tools on PATH alone. */
export const runDeployScript = (
  script: string,
  args: string[],
  PATH = process.env.PATH ?? '',
  env: Record<string, string> = {},
) => runScript(`${DEPLOY}${script}`, args, { PATH, env });
