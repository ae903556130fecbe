/**
 * The overlaid curves of a comparison, as plain series: one ROC and one precision-recall curve
 * per run for a chosen class (one-vs-rest; binary models have curves for class 1 only), and
 * training and validation loss per epoch for runs that recorded a history (classical learners
 * fit without epochs and have none).
 */

export interface CurveSource {
  classNames: readonly string[];
  roc: readonly { classIndex: number; fpr: number[]; tpr: number[]; auc: number }[];
  pr: readonly { classIndex: number; precision: number[]; recall: number[]; ap: number }[];
}

export interface OverlaySeries {
  /** Index of the run in the input. */
  run: number;
  x: number[];
  y: number[];
  /** AUC (ROC) or average precision (PR) of the curve. */
  score: number;
}

/** Classes whose one-vs-rest curves every run has, in label order. */
export function curveClasses(sources: readonly CurveSource[]): number[] {
  const first = sources[0];
  if (!first) return [];
  const sameClasses = sources.every(
    (s) =>
      s.classNames.length === first.classNames.length &&
      s.classNames.every((name, i) => name === first.classNames[i]),
  );
  if (!sameClasses) return [];
  return first.roc
    .map((c) => c.classIndex)
    .filter((c) => sources.every((s) => s.roc.some((r) => r.classIndex === c)));
}

export function rocOverlay(sources: readonly CurveSource[], classIndex: number): OverlaySeries[] {
  return sources.flatMap((s, run) => {
    const curve = s.roc.find((c) => c.classIndex === classIndex);
    return curve ? [{ run, x: curve.fpr, y: curve.tpr, score: curve.auc }] : [];
  });
}

export function prOverlay(sources: readonly CurveSource[], classIndex: number): OverlaySeries[] {
  return sources.flatMap((s, run) => {
    const curve = s.pr.find((c) => c.classIndex === classIndex);
    return curve ? [{ run, x: curve.recall, y: curve.precision, score: curve.ap }] : [];
  });
}

export interface LossSource {
  history: readonly { epoch: number; trainLoss: number; valLoss: number }[];
}

export interface LossSeries {
  run: number;
  kind: 'train' | 'validation';
  x: number[];
  y: number[];
}

export interface LossOverlay {
  series: LossSeries[];
  /** Runs (indexes) without a per-epoch history. */
  missing: number[];
}

export function lossOverlay(sources: readonly LossSource[]): LossOverlay {
  const series: LossSeries[] = [];
  const missing: number[] = [];
  sources.forEach((s, run) => {
    if (s.history.length === 0) {
      missing.push(run);
      return;
    }
    const x = s.history.map((h) => h.epoch);
    series.push({ run, kind: 'train', x, y: s.history.map((h) => h.trainLoss) });
    series.push({ run, kind: 'validation', x, y: s.history.map((h) => h.valLoss) });
  });
  return { series, missing };
}
