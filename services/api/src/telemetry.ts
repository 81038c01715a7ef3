import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { startTelemetry } from '@podtalk/service-kit/telemetry';

// Preloaded before main.ts (the image's ENTRYPOINT has the flags): the api's calls to db-client
// go out through undici, whose spans carry the trace on in a traceparent header. A call goes to
// the ClusterIP its DNS lookup found (server.address); the Host header keeps the name it asked for.
startTelemetry({
  service: 'api',
  instrumentations: [
    new UndiciInstrumentation({ headersToSpanAttributes: { requestHeaders: ['host'] } }),
  ],
});
