import { spawn } from 'node:child_process';
import type { Kube } from './kubectl.js';

/** `kubectl port-forward` to one pod's port; resolves with the local URL once it forwards. */
export function portForward(
  kube: Kube,
  pod: string,
  port: number,
): Promise<{ url: string; close(): void }> {
  const child = spawn(
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
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`port-forward to ${pod}:${port} did not start within 15 s`));
    }, 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(chunk.toString());
      if (!match) return;
      clearTimeout(timer);
      resolve({ url: `http://127.0.0.1:${match[1]}`, close: () => child.kill() });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`port-forward to ${pod}:${port} exited ${code}`));
    });
  });
}
