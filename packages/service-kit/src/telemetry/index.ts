// The telemetry preload's own entry: it must load before express, pino or http are imported,
// so it imports nothing of the rest of the kit.
export { startTelemetry, shutdownTelemetry, type TelemetryOptions } from './start-telemetry.js';
export { otelConfigSchema, otelEnv, tracingOn, type OtelConfig } from './otel-env.js';
