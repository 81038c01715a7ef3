import { execFile } from 'node:child_process';

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs kubectl with a hard time limit; never throws, never hangs. */
export function kubectl(
  args: string[],
  { timeoutMs = 60_000, input }: { timeoutMs?: number; input?: string } = {},
) {
  return new Promise<KubectlResult>((resolve) => {
    let inputError = '';
    // KUBECTL picks another binary (a wrapper, or a stand-in in the helpers' tests).
    const child = execFile(
      process.env.KUBECTL ?? 'kubectl',
      args,
      { timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error
          ? typeof error.code === 'number'
            ? error.code
            : error.code === 'ENOENT'
              ? 127
              : 1
          : 0;
        resolve({
          code,
          stdout,
          stderr:
            stderr ||
            inputError ||
            (error?.killed ? `timed out after ${timeoutMs} ms` : (error?.message ?? '')),
        });
      },
    );
    // kubectl may exit before reading all its input (a bad flag, say), which breaks the pipe
    // (EPIPE); its exit code says what happened. Any other failure to write is reported.
    child.stdin?.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') inputError = `could not write kubectl's input: ${error.message}`;
    });
    if (input !== undefined) child.stdin?.end(input);
  });
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
