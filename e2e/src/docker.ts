import { execa } from 'execa';

/** Runs docker and returns what it printed: kind's nodes are Docker containers. */
export async function docker(args: string[], { timeoutMs = 60_000 } = {}): Promise<string> {
  const { stdout } = await execa('docker', args, { timeout: timeoutMs });
  return stdout;
}
