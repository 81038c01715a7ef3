import { runOrThrow } from '@podtalk/cluster-kit';

/** Runs docker and returns what it printed: kind's nodes are Docker containers. */
export async function docker(args: string[], { timeoutMs = 60_000 } = {}): Promise<string> {
  return (await runOrThrow(['docker', ...args], { timeoutMs })).stdout.trim();
}
