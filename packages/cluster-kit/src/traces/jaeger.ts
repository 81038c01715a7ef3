import { randomBytes } from 'node:crypto';

/** A span as Jaeger's query API returns it, with the tags of the process that sent it. */
export interface JaegerSpan {
  spanID: string;
  operationName: string;
  /** The span it is a child of, if any. */
  parent: string | undefined;
  /** Each tag's value, as text. */
  tags: Record<string, string>;
  process: { serviceName: string; tags: Record<string, string> };
  startTime: number;
  duration: number;
}

interface JaegerTrace {
  data?: {
    spans: {
      spanID: string;
      operationName: string;
      references?: { refType: string; spanID: string }[];
      tags?: { key: string; value: unknown }[];
      processID: string;
      startTime: number;
      duration: number;
    }[];
    processes: Record<string, { serviceName: string; tags?: { key: string; value: unknown }[] }>;
  }[];
}

const tagsOf = (tags: { key: string; value: unknown }[] = []) =>
  Object.fromEntries(tags.map((t) => [t.key, String(t.value as string | number | boolean)]));

/**
 * A new trace, started here: the traceparent header a request carries so that the api continues
 * this trace, sampled, instead of starting its own. The W3C Trace Context a browser or a gateway
 * would send; the trace's id is then known before the request leaves.
 */
export function newTrace() {
  const traceId = randomBytes(16).toString('hex');
  return { traceId, traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
}

/** The trace's spans as Jaeger stores them, or none yet: Jaeger answers 404 until it has any. */
export async function jaegerTrace(queryUrl: string, traceId: string): Promise<JaegerSpan[]> {
  const res = await fetch(`${queryUrl}/api/traces/${traceId}`);
  if (res.status === 404) return [];
  if (!res.ok) throw new Error(`Jaeger answered ${res.status} for trace ${traceId}`);
  const [trace] = ((await res.json()) as JaegerTrace).data ?? [];
  if (!trace) return [];
  return trace.spans.map((span) => {
    const process = trace.processes[span.processID];
    return {
      spanID: span.spanID,
      operationName: span.operationName,
      parent: span.references?.find((r) => r.refType === 'CHILD_OF')?.spanID,
      tags: tagsOf(span.tags),
      process: { serviceName: process?.serviceName ?? '', tags: tagsOf(process?.tags) },
      startTime: span.startTime,
      duration: span.duration,
    };
  });
}
