import type { JaegerSpan } from '@podtalk/cluster-kit';
import type { TopLevelSpec } from 'vega-lite';

const COLORS = { api: '#1f6feb', 'db-client': '#8250df' };

/**
 * One trace as a waterfall: a bar per span from its start to its end, in the order they began,
 * each named by its service, what it did and the pod that did it.
 */
export function waterfallSpec(spans: JaegerSpan[], title: string): TopLevelSpec {
  const start = Math.min(...spans.map((s) => s.startTime));
  const rows = [...spans]
    .sort((a, b) => a.startTime - b.startTime)
    .map((s, order) => ({
      order,
      span: `${s.process.serviceName} · ${s.operationName}`.slice(0, 60),
      pod: s.process.tags['k8s.pod.name'] ?? '',
      service: s.process.serviceName,
      from: (s.startTime - start) / 1000,
      to: (s.startTime - start + s.duration) / 1000,
      ms: `${(s.duration / 1000).toFixed(1)} ms`,
    }));
  const y = {
    field: 'span',
    type: 'nominal' as const,
    sort: { field: 'order' },
    title: null,
    axis: { labelLimit: 320 },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'One request, traced across the Services', subtitle: title },
    width: 520,
    height: { step: 22 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: 14 },
        encoding: {
          y,
          x: { field: 'from', type: 'quantitative', title: 'ms since the request reached the api' },
          x2: { field: 'to' },
          color: {
            field: 'service',
            type: 'nominal',
            title: null,
            scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) },
            legend: { orient: 'bottom' },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
        encoding: { y, x: { field: 'to', type: 'quantitative' }, text: { field: 'ms' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: -2, dy: -11, fontSize: 9, color: '#57606a' },
        encoding: { y, x: { field: 'from', type: 'quantitative' }, text: { field: 'pod' } },
      },
    ],
  };
}
