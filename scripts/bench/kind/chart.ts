import type { TopLevelSpec } from 'vega-lite';
import type { Limit } from './limit.js';
import type { StepResult, Summary } from './summary.js';

const API = 'a step the api pods limited';
const SHARED = 'a step db-client or MySQL limited';
const OTHER = 'a step something else limited';
const MEDIAN = 'median of the rounds';
const LINEAR = 'linear: capacity at 3 ÷ 3 × api pods';
const COLORS = {
  [API]: '#1f6feb',
  [SHARED]: '#cf222e',
  [OTHER]: '#8c959f',
  [MEDIAN]: '#24292f',
  [LINEAR]: '#8c959f',
};

const heldBy = (limit: Limit) =>
  limit.cause !== 'cpu-limit' ? OTHER : limit.component === 'api' ? API : SHARED;

/**
 * The capacity curve as a Vega-Lite spec: every step coloured by what limited it, the median,
 * the api pods' linear line, and the shared side's ceiling where the two meet.
 */
export function capacityChartSpec(
  steps: StepResult[],
  summary: Summary,
  subtitle: string,
): TopLevelSpec {
  const counts = summary.byReplicas.map((r) => r.replicas);
  const three = summary.byReplicas.find((r) => r.replicas === 3)?.capacity.median ?? 0;
  const rows = [
    ...steps.map((s) => ({
      replicas: s.replicas,
      capacity: s.evidence.throughput,
      series: heldBy(s.limit),
    })),
    ...summary.byReplicas.map((r) => ({
      replicas: r.replicas,
      capacity: r.capacity.median,
      series: MEDIAN,
    })),
    ...[0, ...counts].map((n) => ({ replicas: n, capacity: (three / 3) * n, series: LINEAR })),
  ];
  const only = (...series: string[]) => ({ filter: { field: 'series', oneOf: series } });
  const { ceiling, knee } = summary;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: 'What api pods buy in front of one db-client and one MySQL', subtitle },
    width: 560,
    height: 320,
    data: { values: rows },
    encoding: {
      x: {
        field: 'replicas',
        type: 'quantitative',
        title: 'api pods serving',
        axis: { values: counts, format: 'd' },
        scale: { domain: [0, Math.max(...counts) + 0.5] },
      },
      y: { field: 'capacity', type: 'quantitative', title: 'capacity (req/s)' },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: Object.keys(COLORS), range: Object.values(COLORS) },
        legend: { orient: 'top-left', labelLimit: 400 },
      },
    },
    layer: [
      { transform: [only(LINEAR)], mark: { type: 'line', strokeDash: [6, 4] } },
      { transform: [only(MEDIAN)], mark: { type: 'line', strokeWidth: 2 } },
      {
        transform: [only(API, SHARED, OTHER)],
        mark: { type: 'point', size: 40, filled: true, opacity: 0.8 },
      },
      ...(ceiling && knee
        ? [
            {
              data: {
                values: [knee.median, Math.max(...counts) + 0.5].map((replicas) => ({
                  replicas,
                  capacity: ceiling.median,
                })),
              },
              mark: { type: 'line' as const, strokeDash: [2, 2] },
              encoding: { color: { value: COLORS[SHARED] } },
            },
            {
              data: { values: [{ replicas: knee.median, capacity: ceiling.median }] },
              mark: {
                type: 'text' as const,
                align: 'right' as const,
                dy: -10,
                fontSize: 12,
                text: `ceiling ${Math.round(ceiling.median)} req/s, reached at about ${knee.median.toFixed(1)} api pods`,
              },
              encoding: { color: { value: COLORS[SHARED] } },
            },
          ]
        : []),
    ],
  };
}
