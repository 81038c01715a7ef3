import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One span as an OTLP/HTTP JSON export carries it, with its resource's attributes beside it. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** 1 internal, 2 server, 3 client. */
  kind: number;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  boolValue?: boolean;
  doubleValue?: number;
}
type OtlpAttributes = { key: string; value: OtlpValue }[] | undefined;

const flatten = (attributes: OtlpAttributes) =>
  Object.fromEntries(
    (attributes ?? []).map(({ key, value }) => [
      key,
      value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue,
    ]),
  );

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttributes };
    scopeSpans?: {
      spans?: (Omit<ReceivedSpan, 'attributes' | 'resource'> & { attributes?: OtlpAttributes })[];
    }[];
  }[];
}

/**
 * A collector for tests and the local bench: it answers every OTLP/HTTP export on /v1/traces with
 * a success, and counts it. Spans sent as JSON (OTEL_EXPORTER_OTLP_PROTOCOL=http/json) are kept
 * for a test to read; protobuf, the services' default, is taken and not read, as the bench wants.
 */
export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = [];
  let exports = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      exports++;
      const json = req.headers['content-type']?.includes('json') === true;
      if (json) {
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as OtlpExport;
        for (const { resource, scopeSpans = [] } of body.resourceSpans ?? [])
          for (const { spans: scoped = [] } of scopeSpans)
            for (const span of scoped)
              spans.push({
                ...span,
                attributes: flatten(span.attributes),
                resource: flatten(resource?.attributes),
              });
      }
      // An empty response of the request's own type: '{}', or an empty protobuf message.
      res.setHeader('content-type', json ? 'application/json' : 'application/x-protobuf');
      res.end(json ? '{}' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    /** Exports received so far, in either encoding. */
    exports: () => exports,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;
