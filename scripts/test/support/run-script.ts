import { execa } from 'execa';
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
  const result = await execa(process.execPath, ['--import', 'tsx', path, ...args], {
    env: { PATH, ...env },
    extendEnv: false,
    timeout: 30_000,
    reject: false,
  });
  return {
    code: result.exitCode ?? 1,
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
