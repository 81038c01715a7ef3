import { execa } from 'execa';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

// KUBECTL picks another binary (a wrapper, or a stand-in in the helpers' tests).
const kubectlBinary = () => process.env.KUBECTL ?? 'kubectl';

/** Runs kubectl with a hard time limit; never throws, never hangs. 127: kubectl is not installed. */
export async function kubectl(
  args: string[],
  { timeoutMs = 60_000, input }: { timeoutMs?: number; input?: string } = {},
): Promise<KubectlResult> {
  const result = await execa(kubectlBinary(), args, {
    timeout: timeoutMs,
    input,
    reject: false,
    stripFinalNewline: false,
  });
  const code = result.code === 'ENOENT' ? 127 : (result.exitCode ?? 1);
  return {
    code,
    stdout: result.stdout,
    stderr: result.timedOut
      ? `timed out after ${timeoutMs} ms`
      : result.stderr || (result.message ?? ''),
  };
}

/** kubectl bound to one context and namespace, so a context switch mid-run cannot hit another cluster. */
export function boundKubectl(context: string, namespace: string) {
  const base = ['--context', context, '--namespace', namespace];
  const run = async (args: string[], options?: { timeoutMs?: number; input?: string }) => {
    const result = await kubectl([...base, ...args], options);
    if (result.code !== 0)
      throw new Error(`kubectl ${args.join(' ')} failed: ${result.stderr.trim()}`);
    return result.stdout;
  };
  return {
    context,
    namespace,
    run,
    json: async <T>(args: string[]) => JSON.parse(await run([...args, '--output', 'json'])) as T,
  };
}

export type Kube = ReturnType<typeof boundKubectl>;
