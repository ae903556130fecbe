/**
 * Exponential moving average of a noisy series, debiased as TensorBoard does: early values are
 * divided by 1 − smoothingⁿ so the curve starts at the data rather than at zero.
 * smoothing 0 returns the series; towards 1 the curve flattens.
 */
export function smoothEma(values: ArrayLike<number>, smoothing: number): number[] {
  const s = Math.min(Math.max(smoothing, 0), 0.999);
  const out: number[] = [];
  let last = 0;
  let weight = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) {
      out.push(Number.NaN);
      continue;
    }
    last = s * last + (1 - s) * v;
    weight = s * weight + (1 - s);
    out.push(last / weight);
  }
  return out;
}
