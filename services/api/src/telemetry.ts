import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { startTelemetry } from '@podtalk/service-kit/telemetry';

// Preloaded before main.ts (the image's ENTRYPOINT has the flags): the api's calls to db-client
// go out through undici, whose spans carry the trace on in a traceparent header, and name both
// the Service's DNS name (server.address) and the ClusterIP it led to (network.peer.address).
startTelemetry({ service: 'api', instrumentations: [new UndiciInstrumentation()] });
