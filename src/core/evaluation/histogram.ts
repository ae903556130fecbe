/** Equal-width bins over the finite values, for the residual histogram. */

export interface HistogramBins {
  /** bins + 1 ascending edges; bin i holds edges[i] <= v < edges[i + 1], the last one closed. */
  edges: number[];
  counts: number[];
}

export function histogram(values: ArrayLike<number>, bins = 20): HistogramBins {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return { edges: [], counts: [] };
  // A flat sample still gets one visible bar around its value.
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const width = (hi - lo) / bins;
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    const bin = Math.min(bins - 1, Math.floor((v - lo) / width));
    counts[bin]! += 1;
  }
  return { edges, counts };
}
