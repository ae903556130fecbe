/**
 * Probability calibration: the reliability curve (as scikit-learn's `calibration_curve` with
 * the uniform strategy: empty bins are left out) and the Brier score.
 */

export interface CalibrationCurve {
  /** Mean predicted probability in each non-empty bin. */
  meanPredicted: number[];
  /** Share of positives in each non-empty bin. */
  fractionPositive: number[];
  counts: number[];
}

function assertProbabilities(probs: ArrayLike<number>): void {
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) {
      throw new RangeError(`probabilities must lie in [0, 1]; found ${p} at row ${i}`);
    }
  }
}

export function calibrationCurve(
  yTrue: ArrayLike<number>,
  probs: ArrayLike<number>,
  bins = 10,
): CalibrationCurve {
  assertProbabilities(probs);
  const sums = new Float64Array(bins);
  const positives = new Float64Array(bins);
  const counts = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    // sklearn bins with np.digitize over linspace(0, 1, bins + 1)[1:-1]: p = 1 falls in the last bin.
    const bin = Math.min(bins - 1, Math.floor(p * bins + 1e-12));
    sums[bin]! += p;
    positives[bin]! += yTrue[i] === 1 ? 1 : 0;
    counts[bin]! += 1;
  }
  const curve: CalibrationCurve = { meanPredicted: [], fractionPositive: [], counts: [] };
  for (let b = 0; b < bins; b++) {
    const count = counts[b]!;
    if (count === 0) continue;
    curve.meanPredicted.push(sums[b]! / count);
    curve.fractionPositive.push(positives[b]! / count);
    curve.counts.push(count);
  }
  return curve;
}

/** Mean squared difference between the predicted probability of class 1 and the outcome. */
export function brierScore(yTrue: ArrayLike<number>, probs: ArrayLike<number>): number {
  assertProbabilities(probs);
  if (yTrue.length === 0) throw new RangeError('Brier score of an empty set is undefined');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += ((yTrue[i] === 1 ? 1 : 0) - probs[i]!) ** 2;
  return sum / yTrue.length;
}

/** As scikit-learn: |y - ŷ| / max(|y|, machine epsilon), averaged. */
export function meanAbsolutePercentageError(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): number {
  if (yTrue.length === 0) throw new RangeError('MAPE of an empty set is undefined');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    sum += Math.abs(yTrue[i]! - yPred[i]!) / Math.max(Math.abs(yTrue[i]!), Number.EPSILON);
  }
  return sum / yTrue.length;
}
