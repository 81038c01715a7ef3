import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export interface CapacityPoint {
  replicas: number;
  capacity: number;
}

export interface ChartOptions {
  points: CapacityPoint[];
  /** What the y axis means, e.g. "req/s at p99 ≤ 100 ms, 0 errors". */
  objective: string;
  subtitle: string;
  /** The point where the curve stops following the line, and why, a line of text each. */
  saturation?: { replicas: number; label: string[] } | undefined;
}

const MEASURED = 'measured capacity';
const LINEAR = 'linear: one replica’s capacity × replicas';

/** The capacity curve as a Vega-Lite spec: measured against linear, the saturation labelled. */
export function capacityChartSpec({
  points,
  objective,
  subtitle,
  saturation,
}: ChartOptions): TopLevelSpec {
  const one = points.find((p) => p.replicas === 1)?.capacity ?? 0;
  const rows = [
    ...points.map((p) => ({ replicas: p.replicas, capacity: p.capacity, series: MEASURED })),
    ...points.map((p) => ({ replicas: p.replicas, capacity: one * p.replicas, series: LINEAR })),
  ];
  const saturated = points.find((p) => p.replicas === saturation?.replicas);
  const series = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: [MEASURED, LINEAR], range: ['#1f6feb', '#8c959f'] },
    legend: { orient: 'top-left' as const, labelLimit: 400 },
  };
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
        axis: { values: points.map((p) => p.replicas), format: 'd' },
        scale: { domain: [0.5, Math.max(...points.map((p) => p.replicas)) + 0.5] },
      },
      y: { field: 'capacity', type: 'quantitative', title: objective },
    },
    layer: [
      {
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          color: series,
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: {
              domain: [MEASURED, LINEAR],
              range: [
                [1, 0],
                [6, 4],
              ],
            },
            legend: series.legend,
          },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { color: series },
      },
      ...(saturated
        ? [
            {
              data: { values: [{ replicas: saturated.replicas, capacity: saturated.capacity }] },
              mark: {
                type: 'text' as const,
                align: 'center' as const,
                baseline: 'top' as const,
                dy: 16,
                fontSize: 12,
                lineHeight: 15,
                text: saturation?.label ?? [],
              },
              encoding: { color: { value: '#cf222e' } },
            },
            {
              data: { values: [{ replicas: saturated.replicas, capacity: saturated.capacity }] },
              mark: { type: 'point' as const, size: 220, strokeWidth: 2, color: '#cf222e' },
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
