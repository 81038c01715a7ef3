import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  API_URL,
  clusterIP,
  jaegerTrace,
  kubeForSuite,
  newTrace,
  pods,
  portForward,
  type JaegerSpan,
} from '../../src/index.js';

const kube = kubeForSuite();
let jaeger: Awaited<ReturnType<typeof portForward>>;
beforeAll(async () => {
  const [pod] = await pods(kube, 'jaeger');
  jaeger = await portForward(kube, pod!.name, 16686);
});
afterAll(() => jaeger.close());

/** Sends one request on a trace of its own, and waits until Jaeger holds every hop of it. */
async function traced(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  const { traceId, traceparent } = newTrace();
  const res = await fetch(`${API_URL}${path}`, {
    ...init,
    headers: { ...init.headers, traceparent },
  });
  // Each service exports on its own schedule: the api's server span ends last, and may come last.
  const spans = await vi.waitFor(
    async () => {
      const found = await jaegerTrace(jaeger.url, traceId);
      const { api, call, dbClient, query } = hops(found);
      expect([api, call, dbClient, query].every(Boolean), 'every hop in Jaeger').toBe(true);
      return found;
    },
    { timeout: 30_000, interval: 500 },
  );
  return { res, traceId, spans };
}

const pod = (span: JaegerSpan | undefined) => span?.process.tags['k8s.pod.name'];
const statement = (span: JaegerSpan | undefined) =>
  span?.tags['db.query.text'] ?? span?.tags['db.statement'] ?? '';

/** The hops of one request: the api's server span, its call out, db-client's server span, the query. */
function hops(spans: JaegerSpan[]) {
  const byId = new Map(spans.map((s) => [s.spanID, s]));
  const under = (span: JaegerSpan | undefined, ancestor: JaegerSpan | undefined): boolean =>
    !!span &&
    !!ancestor &&
    (span.parent === ancestor.spanID || under(byId.get(span.parent ?? ''), ancestor));
  const of = (service: string, kind: 'server' | 'client') =>
    spans.filter((s) => s.process.serviceName === service && s.tags['span.kind'] === kind);
  const [api] = of('api', 'server');
  const call = of('api', 'client').find(
    (s) => s.tags['server.address'] === 'db-client.podtalk.svc.cluster.local',
  );
  const dbClient = of('db-client', 'server').find((s) => s.parent === call?.spanID);
  const query = of('db-client', 'client').find((s) => under(s, dbClient));
  return { api, call, dbClient, query, under };
}

describe('20. one request, traced across the Services', () => {
  it.each([
    [
      'a write',
      '/api/messages',
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ author: 'e2e', text: 'traced 🔎' }),
      },
      /^INSERT INTO messages/,
    ],
    ['a read', '/api/messages?limit=3', {}, /^SELECT id, author, text, created_at FROM messages/],
  ])(
    'when %s goes through the api Service, then its trace holds each hop, under the one before, from the pods that answered',
    async (_what, path, init, sql) => {
      const { res, spans } = await traced(path, init);
      const { api, call, dbClient, query, under } = hops(spans);

      expect(res.ok).toBe(true);
      expect(under(call, api)).toBe(true);
      // The call named db-client's Service by its DNS name, and went to the ClusterIP it led to.
      expect(call?.tags['network.peer.address']).toBe(await clusterIP(kube, 'db-client'));
      // The trace crossed the Service in the traceparent header: db-client's span is the call's child.
      expect(dbClient?.parent).toBe(call?.spanID);
      expect(statement(query)).toMatch(sql);
      expect(pod(api)).toBe(res.headers.get('x-served-by'));
      expect(pod(dbClient)).toBe(res.headers.get('x-upstream-served-by'));
    },
  );

  it('when the request is logged, then every line of it, in both services, carries the trace’s id', async () => {
    const { res, traceId } = await traced('/api/messages?limit=1');
    const requestId = res.headers.get('x-request-id');

    const lines = await Promise.all(
      [res.headers.get('x-served-by'), res.headers.get('x-upstream-served-by')].map(async (name) =>
        (await kube.run(['logs', name!, '--since=5m']))
          .split('\n')
          .filter((line) => line.includes(`"reqId":"${requestId}"`))
          .map((line) => JSON.parse(line) as { trace_id?: string }),
      ),
    );

    for (const ofPod of lines) expect(ofPod.length).toBeGreaterThan(0);
    expect(new Set(lines.flat().map((line) => line.trace_id))).toEqual(new Set([traceId]));
  });
});
