/**
 * The live figures of a classical fit as chart series, one per metric (train and validation
 * loss for boosting, inertia for k-means), in the order the metrics first appeared. When the
 * run has ended, boosting's full per-round history replaces the throttled live points.
 */
import type { EpochRecord } from '../../contracts/training';
import type { FitPoint } from '../../state/TrainingRun.svelte';

export interface FitSeries {
  metric: string;
  x: number[];
  y: number[];
}

export function seriesFromFit(points: FitPoint[]): FitSeries[] {
  const byMetric = new Map<string, FitSeries>();
  for (const point of points) {
    for (const [metric, value] of Object.entries(point.metrics)) {
      if (!Number.isFinite(value)) continue;
      let series = byMetric.get(metric);
      if (!series) {
        series = { metric, x: [], y: [] };
        byMetric.set(metric, series);
      }
      series.x.push(point.done);
      series.y.push(value);
    }
  }
  return [...byMetric.values()];
}

/** Boosting rounds from a finished run's history: train loss, and validation loss when kept. */
export function seriesFromHistory(history: EpochRecord[]): FitSeries[] {
  const x = history.map((r) => r.epoch);
  const out: FitSeries[] = [{ metric: 'trainLoss', x, y: history.map((r) => r.trainLoss) }];
  if (history.some((r) => Number.isFinite(r.valLoss))) {
    out.push({ metric: 'validLoss', x, y: history.map((r) => r.valLoss) });
  }
  return history.length > 0 ? out : [];
}
