import { resourceFromAttributes } from '@opentelemetry/resources';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { Instrumentation } from '@opentelemetry/instrumentation';
import { otelConfigSchema, tracingOn } from './otel-env.js';

// Probes and scrapes come every few seconds and say nothing about a request's path.
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

let sdk: NodeSDK | undefined;

export interface TelemetryOptions {
  /** The service's name on every span, unless OTEL_SERVICE_NAME says otherwise. */
  service: string;
  /** What this service uses beyond http, Express and pino: undici, mysql2. */
  instrumentations: Instrumentation[];
  env?: Record<string, string | undefined>;
}

/**
 * Starts OpenTelemetry's Node SDK, before the service's own modules load: run it with
 * `node --experimental-loader=@opentelemetry/instrumentation/hook.mjs --import ./dist/telemetry.js`,
 * the way OpenTelemetry documents for ES modules. It starts only on OTEL_* values that the
 * service's config would accept; on any other, it stays off, and main.ts reports them and exits.
 * Each span's resource names the service, and the pod, node and namespace from the Downward API.
 */
export function startTelemetry({
  service,
  instrumentations,
  env = process.env,
}: TelemetryOptions): boolean {
  const parsed = otelConfigSchema.safeParse(env);
  if (!parsed.success || !tracingOn(parsed.data)) return false;
  sdk = new NodeSDK({
    resource: resourceFromAttributes({
      'service.name': parsed.data.OTEL_SERVICE_NAME ?? service,
      'k8s.pod.name': env.POD_NAME,
      'k8s.node.name': env.NODE_NAME,
      'k8s.namespace.name': env.POD_NAMESPACE,
    }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => QUIET_PATHS.has(request.url ?? ''),
      }),
      // One span for each request handler, none for every middleware it passed through.
      new ExpressInstrumentation({
        ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER],
      }),
      // trace_id and span_id in every log line; the lines themselves stay on stdout.
      new PinoInstrumentation({ disableLogSending: true }),
      ...instrumentations,
    ],
    // Traces only: metrics are Prometheus's (/metrics), and logs go to stdout.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return true;
}

/** Sends what is still queued and stops: the last step of a graceful shutdown. */
export async function shutdownTelemetry(): Promise<void> {
  await sdk?.shutdown();
}
