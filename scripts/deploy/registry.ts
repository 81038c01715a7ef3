import { request } from 'undici';

/**
 * Whether a registry answers the distribution API at `registry` (host[:port]): 200, or 401 from
 * one that wants a login, both mean it is there. HTTPS first; plain HTTP only for this machine's
 * own registries, as Docker allows.
 */
export async function registryAnswers(registry: string): Promise<boolean> {
  const local = /^(localhost|127\.\d+\.\d+\.\d+)(:\d+)?$/.test(registry);
  for (const scheme of local ? ['http', 'https'] : ['https']) {
    try {
      const { statusCode, body } = await request(`${scheme}://${registry}/v2/`, {
        signal: AbortSignal.timeout(5_000),
      });
      await body.dump();
      if (statusCode === 200 || statusCode === 401) return true;
    } catch {
      // Try the next scheme, if any.
    }
  }
  return false;
}

/** The digest `docker push` reports for what it pushed, from its last words. */
export function pushedDigest(output: string, image: string): string {
  const digest = /digest: (sha256:[0-9a-f]{64})/.exec(output)?.[1];
  if (!digest) throw new Error(`docker push of ${image} reported no digest:\n${output}`);
  return digest;
}
