/**
 * How far two per-epoch loss curves are apart: the largest absolute and relative difference
 * over the training and validation losses of the epochs both runs have. Shared by
 * bench/backend-repro.ts, which measures it, and reproducibility-gpu.e2e.ts, which
 * holds runs to the tolerance docs/performance.md documents.
 */
import type { EpochRecord } from '../../src/contracts/training';

export interface CurveDifference {
  maxAbs: number;
  maxRel: number;
  /** Epochs compared (the shorter run's count). */
  epochs: number;
  /** True when both curves hold exactly the same numbers. */
  identical: boolean;
}

export function curveDifference(
  a: readonly Pick<EpochRecord, 'trainLoss' | 'valLoss'>[],
  b: readonly Pick<EpochRecord, 'trainLoss' | 'valLoss'>[],
): CurveDifference {
  const epochs = Math.min(a.length, b.length);
  let maxAbs = 0;
  let maxRel = 0;
  for (let i = 0; i < epochs; i++) {
    const x = a[i]!;
    const y = b[i]!;
    for (const [p, q] of [
      [x.trainLoss, y.trainLoss],
      [x.valLoss, y.valLoss],
    ] as const) {
      const abs = Math.abs(p - q);
      // A NaN in either curve is as far apart as curves get.
      if (!Number.isFinite(abs))
        return { maxAbs: Infinity, maxRel: Infinity, epochs, identical: false };
      maxAbs = Math.max(maxAbs, abs);
      maxRel = Math.max(maxRel, abs / Math.max(Math.abs(p), Math.abs(q), Number.MIN_VALUE));
    }
  }
  return { maxAbs, maxRel, epochs, identical: maxAbs === 0 && a.length === b.length };
}
