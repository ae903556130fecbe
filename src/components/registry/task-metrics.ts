/**
 * Sequence and generative runs side by side: one row per figure their kind reports, one value
 * per run, the best marked where lower is better (a GAN's losses and the baselines have no
 * better direction, so none is marked). Rows that no run reports are left out.
 */
import { markBest, type MetricDirection } from '../../core/evaluation/compare';
import type { RunTaskDetail } from '../../state/RunHistory.svelte';

export interface TaskMetricRow {
  key: string;
  direction: MetricDirection | null;
  values: number[];
  best: boolean[];
}

type Reader = [key: string, direction: MetricDirection | null, read: (t: RunTaskDetail) => number];

const FORECAST: Reader[] = [
  ['mae', 'lower', (t) => (t.kind === 'forecast' ? t.result.model.mae : NaN)],
  ['rmse', 'lower', (t) => (t.kind === 'forecast' ? t.result.model.rmse : NaN)],
  ['mape', 'lower', (t) => (t.kind === 'forecast' ? t.result.model.mape : NaN)],
  ['naiveMae', null, (t) => (t.kind === 'forecast' ? t.result.baseline.mae : NaN)],
];

const TEXT: Reader[] = [
  ['testLoss', 'lower', (t) => (t.kind === 'text' ? t.result.testLoss : NaN)],
  ['perplexity', 'lower', (t) => (t.kind === 'text' ? t.result.perplexity : NaN)],
  ['uniformLoss', null, (t) => (t.kind === 'text' ? t.result.uniformLoss : NaN)],
];

const metric =
  (
    key:
      | 'reconstruction'
      | 'baselineReconstruction'
      | 'kl'
      | 'generator'
      | 'discriminator'
      | 'meanGap',
  ) =>
  (t: RunTaskDetail) => (t.kind === 'generative' ? (t.outcome.metrics[key] ?? NaN) : NaN);

const GENERATIVE: Reader[] = [
  ['reconstruction', 'lower', metric('reconstruction')],
  ['baselineReconstruction', null, metric('baselineReconstruction')],
  ['kl', null, metric('kl')],
  ['meanGap', 'lower', metric('meanGap')],
  ['generator', null, metric('generator')],
  ['discriminator', null, metric('discriminator')],
];

/** Empty when there are no runs or when they are of different kinds. */
export function taskMetricRows(tasks: readonly RunTaskDetail[]): TaskMetricRow[] {
  const first = tasks[0];
  if (!first || tasks.some((t) => t.kind !== first.kind)) return [];
  const readers = first.kind === 'forecast' ? FORECAST : first.kind === 'text' ? TEXT : GENERATIVE;
  return readers
    .map(([key, direction, read]) => {
      const values = tasks.map(read);
      return {
        key,
        direction,
        values,
        best: direction ? markBest(values, direction) : values.map(() => false),
      };
    })
    .filter((row) => row.values.some(Number.isFinite));
}
