import type { LookupFunction } from 'node:net';
import type { Resolve } from './serve-stale.js';

const notFound = (hostname: string) =>
  Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' });

/**
 * net.connect's `lookup` option, answered by `resolve` (any address family): how a client's
 * sockets find a Service's name through serve-stale, undici's and mysql2's alike.
 */
export function lookupWith(resolve: Resolve): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const [first] = addresses;
        // Node asks for every address when it may try several (autoSelectFamily).
        if (options.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
        else callback(notFound(hostname), '');
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, ''),
    );
  };
}
