import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Summary } from './summary.js';

export interface ChartOptions {
  /** Every round's capacity at every replica count. */
  steps: { round: number; replicas: number; capacity: number }[];
  summary: Summary;
  subtitle: string;
}

const MEDIAN = 'median of the rounds';
const ROUND = 'one round';
const LINEAR = 'linear: the 1-replica median × replicas';
const COLORS = { [MEDIAN]: '#1f6feb', [ROUND]: '#57606a', [LINEAR]: '#8c959f' };

/** The capacity curve as a Vega-Lite spec: every round, their median, the linear ideal. */
export function capacityChartSpec({ steps, summary, subtitle }: ChartOptions): TopLevelSpec {
  const medians = summary.byReplicas.map((r) => ({
    replicas: r.replicas,
    capacity: r.capacity.median,
    min: r.capacity.min,
    max: r.capacity.max,
  }));
  const one = medians.find((m) => m.replicas === 1)?.capacity ?? 0;
  const rows = [
    ...medians.map((m) => ({ ...m, series: MEDIAN })),
    ...medians.map((m) => ({ replicas: m.replicas, capacity: one * m.replicas, series: LINEAR })),
    ...steps.map((s) => ({ replicas: s.replicas, capacity: s.capacity, series: ROUND })),
  ];
  const series = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) },
    legend: { orient: 'top-left' as const, labelLimit: 400 },
  };
  const only = (name: string) => ({ filter: `datum.series === '${name}'` });
  const saturated = medians.find((m) => m.replicas === summary.saturatedAt);
  const counts = medians.map((m) => m.replicas);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'What api replicas buy in front of one db-client and one MySQL', subtitle },
    width: 560,
    height: 320,
    data: { values: rows },
    encoding: {
      x: {
        field: 'replicas',
        type: 'quantitative',
        title: 'api replicas',
        axis: { values: counts, format: 'd' },
        scale: { domain: [0.5, Math.max(...counts) + 0.5] },
      },
      y: { field: 'capacity', type: 'quantitative', title: 'capacity (req/s)' },
      color: series,
    },
    layer: [
      { transform: [only(LINEAR)], mark: { type: 'line', strokeDash: [6, 4], strokeWidth: 2 } },
      { transform: [only(MEDIAN)], mark: { type: 'line', strokeWidth: 2 } },
      {
        transform: [only(MEDIAN)],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { y: { field: 'min', type: 'quantitative' }, y2: { field: 'max' } },
      },
      { transform: [only(ROUND)], mark: { type: 'point', size: 30, opacity: 0.8 } },
      { transform: [only(MEDIAN)], mark: { type: 'point', filled: true, size: 60 } },
      ...(saturated
        ? [
            {
              data: { values: [saturated] },
              mark: {
                type: 'text' as const,
                align: 'center' as const,
                baseline: 'top' as const,
                dy: 14,
                fontSize: 12,
                text: `something other than the api limits from ${saturated.replicas} replicas`,
              },
              encoding: { color: { value: '#cf222e' } },
            },
          ]
        : []),
    ],
  };
}

/** Renders a Vega-Lite spec to SVG in Node, with no browser and no canvas. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
