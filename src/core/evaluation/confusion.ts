/**
 * Views of a confusion matrix (rows = true class, columns = predicted class): normalized like
 * sklearn's `confusion_matrix(normalize=...)` (an empty row or column gives 0, not NaN), and the
 * rows behind one cell.
 */

export type ConfusionNormalization = 'none' | 'true' | 'pred';

export function normalizeConfusion(
  matrix: readonly (readonly number[])[],
  mode: ConfusionNormalization,
): number[][] {
  if (mode === 'none') return matrix.map((row) => [...row]);
  if (mode === 'true') {
    return matrix.map((row) => {
      const total = row.reduce((sum, v) => sum + v, 0);
      return row.map((v) => (total === 0 ? 0 : v / total));
    });
  }
  const columns = matrix[0]?.length ?? 0;
  const totals = Array.from({ length: columns }, (_, j) =>
    matrix.reduce((sum, row) => sum + (row[j] ?? 0), 0),
  );
  return matrix.map((row) => row.map((v, j) => (totals[j] === 0 ? 0 : v / totals[j]!)));
}

/** Indices of the rows whose true class is `t` and predicted class is `p`, ascending. */
export function rowsInCell(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  t: number,
  p: number,
): number[] {
  const rows: number[] = [];
  const n = Math.min(yTrue.length, yPred.length);
  for (let i = 0; i < n; i++) if (yTrue[i] === t && yPred[i] === p) rows.push(i);
  return rows;
}

/** Row-wise argmax of a row-major n×k matrix; ties go to the lower class, like numpy. */
export function predictedClasses(probs: ArrayLike<number>, k: number): number[] {
  const n = Math.floor(probs.length / k);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (probs[i * k + c]! > probs[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** Binary predictions at a threshold on P(class 1), the rule of `metricsAtThreshold`. */
export function predictAtThreshold(scores: ArrayLike<number>, threshold: number): number[] {
  return Array.from({ length: scores.length }, (_, i) => (scores[i]! >= threshold ? 1 : 0));
}
