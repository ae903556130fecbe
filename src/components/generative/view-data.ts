/**
 * Pure shaping of generative results for the charts: scatter groups from a view (one per class,
 * or target against generated), and loss series from the per-epoch history. Names come in
 * already translated so this stays free of the locale.
 */
import type { ChartSeries } from '../charts/chart-layout';
import type { GenerativeLosses, GenerativeView } from '../../contracts/generative';

export interface ScatterGroup {
  name: string;
  x: number[];
  y: number[];
  /** Drawn hollow (e.g. the target distribution under the generated points). */
  hollow?: boolean;
}

type ScatterView = Extract<GenerativeView, { kind: 'scatter' }>;

function split(points: Float32Array): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    x.push(points[i] ?? 0);
    y.push(points[i + 1] ?? 0);
  }
  return { x, y };
}

export function scatterGroups(
  view: ScatterView,
  names: { rows: string; real: string; generated: string },
): ScatterGroup[] {
  if (view.real) {
    return [
      { name: names.real, ...split(view.real), hollow: true },
      { name: names.generated, ...split(view.points) },
    ];
  }
  const { x, y } = split(view.points);
  const labels = view.labels;
  if (!labels || view.classNames.length === 0) return [{ name: names.rows, x, y }];
  return view.classNames
    .map((name, id) => {
      const group: ScatterGroup = { name, x: [], y: [] };
      labels.forEach((label, i) => {
        if (label !== id) return;
        group.x.push(x[i] ?? 0);
        group.y.push(y[i] ?? 0);
      });
      return group;
    })
    .filter((group) => group.x.length > 0);
}

/** Losses drawn together: figures of one scale share a chart. */
export const LOSS_CHARTS = {
  reconstruction: ['reconstruction', 'valReconstruction'],
  kl: ['kl', 'valKl'],
  adversarial: ['generator', 'discriminator'],
} as const satisfies Record<string, readonly (keyof GenerativeLosses)[]>;

export type LossChart = keyof typeof LOSS_CHARTS;
export type LossKey = (typeof LOSS_CHARTS)[LossChart][number];

/** The charts with data, each with its series (validation ones dashed). */
export function lossCharts(
  history: (GenerativeLosses & { epoch: number })[],
  nameOf: (key: LossKey) => string,
): { chart: LossChart; series: ChartSeries[] }[] {
  return (Object.keys(LOSS_CHARTS) as LossChart[])
    .map((chart) => ({
      chart,
      series: LOSS_CHARTS[chart]
        .filter((key) => history.some((h) => h[key] !== undefined))
        .map((key) => ({
          name: nameOf(key),
          x: history.map((h) => h.epoch),
          y: history.map((h) => h[key] ?? Number.NaN),
          dashed: key.startsWith('val'),
        })),
    }))
    .filter((entry) => entry.series.length > 0);
}
