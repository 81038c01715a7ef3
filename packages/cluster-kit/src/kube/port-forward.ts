import { start } from '../process/start.js';
import type { Kube } from './kubectl.js';

/** `kubectl port-forward` to one pod's port; resolves with the local URL once it forwards. */
export async function portForward(
  kube: Kube,
  pod: string,
  port: number,
): Promise<{ url: string; close(): Promise<unknown> }> {
  const forward = start(kube.command(['port-forward', `pod/${pod}`, `:${port}`]), {
    timeoutMs: 600_000,
  });
  // kubectl prints the local port it chose, then a line for each connection: keep reading.
  const local = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`port-forward to ${pod}:${port} did not start within 15 s`)),
      15_000,
    );
    forward.onLine('stdout', (line) => {
      const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(line);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    void forward.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`port-forward to ${pod}:${port} exited ${code}`));
    });
  }).catch(async (error: unknown) => {
    await forward.stop();
    throw error;
  });
  return { url: `http://127.0.0.1:${local}`, close: () => forward.stop() };
}
