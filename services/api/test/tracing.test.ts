import { startLoadLoop } from '@podtalk/cluster-kit';
import {
  runToExit,
  startOtlpReceiver,
  type OtlpReceiver,
  type ReceivedSpan,
} from '@podtalk/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  postMessage,
  startApi,
  startDbClient,
  type Api,
  type DbClient,
} from './support/topology.js';

/** Both services export every span to `endpoint`, soon: OTLP/HTTP JSON, a short batch delay. */
const tracing = (endpoint: string) => ({
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
  OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
  OTEL_TRACES_SAMPLER: 'parentbased_always_on',
  OTEL_BSP_SCHEDULE_DELAY: '100',
});

let collector: OtlpReceiver;
let dbClient: DbClient;
let api: Api;
beforeAll(async () => {
  collector = await startOtlpReceiver();
  dbClient = await startDbClient('db-client-traced', tracing(collector.url));
  api = await startApi({
    DB_CLIENT_URL: dbClient.service.url,
    POD_NAME: 'api-traced',
    ...tracing(collector.url),
  });
});
afterAll(async () => {
  await api.stop();
  await dbClient.stop();
  await collector.close();
});

/** The spans of one trace, once its mysql2 span has arrived: the last hop to finish exporting. */
const traceOf = (traceId: string) =>
  expect
    .poll(() => collector.spans.filter((s) => s.traceId === traceId), {
      timeout: 10_000,
      message: `the spans of trace ${traceId}`,
    })
    .toSatisfy((spans: ReceivedSpan[]) =>
      spans.some((s) => s.resource['service.name'] === 'db-client' && s.kind === 3),
    )
    .then(() => collector.spans.filter((s) => s.traceId === traceId));

describe('a request traced across the api and db-client', () => {
  it('when a message is written through the api, then one trace holds the api’s server span, its call to db-client, db-client’s server span under that call, and the INSERT, each named by its pod', async () => {
    const res = await postMessage(api.url, { author: 'trace', text: 'follow me' });
    const requestId = res.headers.get('x-request-id');
    const isServerSpan = (s: ReceivedSpan) =>
      s.kind === 2 &&
      s.resource['service.name'] === 'api' &&
      s.attributes['http.route'] === '/api/messages';
    await expect.poll(() => collector.spans.some(isServerSpan), { timeout: 10_000 }).toBe(true);
    const server = collector.spans.find(isServerSpan)!;
    const spans = await traceOf(server.traceId);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const parent = byId.get(span.parentSpanId);
      return parent ? [parent, ...ancestors(parent)] : [];
    };
    const call = spans.find((s) => s.kind === 3 && s.resource['service.name'] === 'api');
    const dbServer = spans.find((s) => s.kind === 2 && s.resource['service.name'] === 'db-client');
    const insert = spans.find((s) => s.kind === 3 && s.resource['service.name'] === 'db-client');

    expect(res.status).toBe(201);
    expect(ancestors(call!)).toContain(server);
    // The trace crossed the hop in the traceparent header: db-client's span is a child of the call.
    expect(dbServer?.parentSpanId).toBe(call?.spanId);
    expect(ancestors(insert!)).toContain(dbServer);
    expect(JSON.stringify(insert?.attributes)).toMatch(/INSERT INTO messages/);
    expect(server.resource['k8s.pod.name']).toBe(res.headers.get('x-served-by'));
    expect(dbServer?.resource['k8s.pod.name']).toBe(res.headers.get('x-upstream-served-by'));
    // Every log line of the request, in both services, names its trace.
    const lines = [...api.logs, ...dbClient.service.logs].filter(
      (line) => line.reqId === requestId,
    );
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(new Set(lines.map((line) => line.trace_id))).toEqual(new Set([server.traceId]));
  });
});

describe('tracing that cannot reach its collector', () => {
  it('when the collector is down, then no request fails', async () => {
    const gone = await startOtlpReceiver();
    await gone.close();
    const down = await startApi({ DB_CLIENT_URL: dbClient.service.url, ...tracing(gone.url) });
    try {
      const result = await startLoadLoop({
        url: `${down.url}/api/messages?limit=5`,
        concurrency: 4,
        maxRequests: 400,
      }).finished;

      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(400);
    } finally {
      await down.stop();
    }
  });
});

describe('OTEL_* variables, validated with the rest of the config', () => {
  it.each([
    [
      'OTEL_TRACES_SAMPLER_ARG',
      '2',
      'OTEL_TRACES_SAMPLER_ARG: must be a number from 0 to 1, the share of traces sampled',
    ],
    [
      'OTEL_TRACES_SAMPLER',
      'sometimes',
      'OTEL_TRACES_SAMPLER: must be one of always_on, always_off',
    ],
    [
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'jaeger:4318',
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an http(s) URL',
    ],
  ])('when %s is %s, then the api stops at startup naming it', async (name, value, message) => {
    const result = await runToExit({
      cwd: process.cwd(),
      env: { DB_CLIENT_URL: 'http://127.0.0.1:9', [name]: value },
    });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toContain('    at ');
  });
});
