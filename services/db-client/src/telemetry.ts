import { MySQL2Instrumentation } from '@opentelemetry/instrumentation-mysql2';
import { startTelemetry } from '@podtalk/service-kit/telemetry';

// Preloaded before main.ts (the image's ENTRYPOINT has the flags): every statement db-client
// sends MySQL through mysql2 becomes a span, with the statement on it.
startTelemetry({ service: 'db-client', instrumentations: [new MySQL2Instrumentation()] });
