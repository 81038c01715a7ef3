import { z } from 'zod';
import { integer } from '../config/env-fields.js';

const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;

/**
 * The standard OTEL_* variables podtalk sets, validated like every other variable: a service's
 * config schema spreads these in, so a bad value stops it at startup with the variable's name.
 * The OpenTelemetry SDK reads them itself; the telemetry preload starts it only when they pass.
 */
export const otelEnv = {
  OTEL_SDK_DISABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  OTEL_SERVICE_NAME: z.string().min(1, 'must not be empty').optional(),
  // No collector named, no tracing: a process on a laptop exports nothing anywhere.
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z
    .enum(['http/protobuf', 'http/json', 'grpc'], {
      error: 'must be http/protobuf, http/json or grpc',
    })
    .default('http/protobuf'),
  OTEL_TRACES_SAMPLER: z
    .enum(SAMPLERS, { error: `must be one of ${SAMPLERS.join(', ')}` })
    .default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: z
    .string()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, 'must be a number from 0 to 1, the share of traces sampled')
    .transform(Number)
    .optional(),
  // The exporter's queue is memory: 2048 spans of about 1 kB at most, a small part of a 96 MB heap.
  OTEL_BSP_MAX_QUEUE_SIZE: integer({ min: 1, max: 65_536, default: 2_048 }),
  OTEL_BSP_MAX_EXPORT_BATCH_SIZE: integer({ min: 1, max: 65_536, default: 512 }),
  OTEL_BSP_SCHEDULE_DELAY: integer({ min: 0, max: 60_000, default: 5_000 }),
  OTEL_BSP_EXPORT_TIMEOUT: integer({ min: 100, max: 60_000, default: 30_000 }),
};

export const otelConfigSchema = z.object(otelEnv);
export type OtelConfig = z.output<typeof otelConfigSchema>;

/** Whether tracing runs at all: a collector is named and the SDK is not switched off. */
export const tracingOn = (config: OtelConfig) =>
  config.OTEL_SDK_DISABLED === 'false' && config.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined;
