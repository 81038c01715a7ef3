import { execa } from 'execa';
import type { Kube } from './kubectl.js';

/** `kubectl port-forward` to one pod's port; resolves with the local URL once it forwards. */
export async function portForward(
  kube: Kube,
  pod: string,
  port: number,
): Promise<{ url: string; close(): void }> {
  const forward = execa(
    process.env.KUBECTL ?? 'kubectl',
    [
      '--context',
      kube.context,
      '--namespace',
      kube.namespace,
      'port-forward',
      `pod/${pod}`,
      `:${port}`,
    ],
    { stdin: 'ignore', buffer: false, reject: false, timeout: 600_000 },
  );
  // kubectl prints the local port it chose, then a line for each connection: keep reading.
  const local = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`port-forward to ${pod}:${port} did not start within 15 s`)),
      15_000,
    );
    forward.stdout.on('data', (chunk: Buffer) => {
      const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void forward.then(({ exitCode }) => {
      clearTimeout(timer);
      reject(new Error(`port-forward to ${pod}:${port} exited ${exitCode}`));
    });
  }).catch((error: unknown) => {
    forward.kill();
    throw error;
  });
  return { url: `http://127.0.0.1:${local}`, close: () => forward.kill() };
}
