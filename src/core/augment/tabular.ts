/**
 * Tabular augmentation: Gaussian noise on numeric values.
 *
 * Invariants: pure and seeded (the caller's rng is the only randomness), the input is never
 * written, and missing values (NaN) stay missing, so noise never invents a measurement. The
 * recipe's `gaussianNoise` step runs this on the training split only and with another seed
 * each epoch; SMOTE, the other tabular augmentation, is the recipe's `smote` step.
 */
import { normalSample, type Rng } from '../rng';

export interface NoisyValues {
  values: Float64Array;
  /** Values that received noise (present values, when sigma > 0). */
  affected: number;
}

/** Adds N(0, sigma²) noise to every present value; sigma 0 returns an unchanged copy. */
export function addGaussianNoise(values: Float64Array, sigma: number, rng: Rng): NoisyValues {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`noise sigma must be a finite number ≥ 0: ${sigma}`);
  }
  const out = Float64Array.from(values);
  if (sigma === 0) return { values: out, affected: 0 };
  let affected = 0;
  for (let i = 0; i < out.length; i++) {
    const value = out[i] as number;
    if (Number.isNaN(value)) continue;
    out[i] = value + sigma * normalSample(rng);
    affected++;
  }
  return { values: out, affected };
}
