/**
 * Principal component analysis through the covariance matrix and a cyclic Jacobi eigen
 * decomposition: exact to rounding for the few dozen columns a browser dataset has, and free of
 * any linear-algebra dependency. Components come in descending order of variance, with
 * scikit-learn 1.2's sign rule (svd_flip on U): in each component's projection of the data, the
 * entry of largest magnitude is positive. Explained-variance ratios divide by the total variance
 * (the covariance trace), so they match sklearn's PCA(svd_solver='full').
 */
import { assertMatrix, type Matrix } from './validate';

export interface SymmetricEigen {
  /** Descending. */
  values: number[];
  /** vectors[i] is the unit eigenvector of values[i]. */
  vectors: number[][];
}

const MAX_SWEEPS = 100;

/** Eigenvalues and eigenvectors of a symmetric matrix (only its upper triangle is read). */
export function symmetricEigen(matrix: ReadonlyArray<ArrayLike<number>>): SymmetricEigen {
  const d = matrix.length;
  const a = Array.from({ length: d }, (_, i) =>
    Array.from(
      { length: d },
      (_, j) => (matrix[Math.min(i, j)] as ArrayLike<number>)[Math.max(i, j)] as number,
    ),
  );
  const v = Array.from({ length: d }, (_, i) =>
    Array.from({ length: d }, (_, j) => (i === j ? 1 : 0)),
  );
  const at = (m: number[][], i: number, j: number): number => (m[i] as number[])[j] as number;
  const set = (m: number[][], i: number, j: number, x: number): void => {
    (m[i] as number[])[j] = x;
  };

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < d; i++) {
      diag += at(a, i, i) ** 2;
      for (let j = i + 1; j < d; j++) off += at(a, i, j) ** 2;
    }
    if (off <= Number.EPSILON ** 2 * diag || off === 0) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = at(a, p, q);
        if (apq === 0) continue;
        // Rotation angle that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.1).
        const theta = (at(a, q, q) - at(a, p, p)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = at(a, k, p);
          const akq = at(a, k, q);
          set(a, k, p, c * akp - s * akq);
          set(a, k, q, s * akp + c * akq);
        }
        for (let k = 0; k < d; k++) {
          const apk = at(a, p, k);
          const aqk = at(a, q, k);
          set(a, p, k, c * apk - s * aqk);
          set(a, q, k, s * apk + c * aqk);
        }
        for (let k = 0; k < d; k++) {
          const vkp = at(v, k, p);
          const vkq = at(v, k, q);
          set(v, k, p, c * vkp - s * vkq);
          set(v, k, q, s * vkp + c * vkq);
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => at(a, j, j) - at(a, i, i));
  return {
    values: order.map((i) => at(a, i, i)),
    vectors: order.map((i) => v.map((row) => row[i] as number)),
  };
}

export interface PcaResult {
  /** Column means subtracted before projecting. */
  mean: number[];
  /** components[i] is the unit direction of the i-th component (length d). */
  components: number[][];
  /** Variance along each component (sample variance, n - 1). */
  explainedVariance: number[];
  explainedVarianceRatio: number[];
}

export function pca(x: Matrix, components: number): PcaResult {
  const fn = 'pca';
  const d = assertMatrix(fn, x);
  const n = x.length;
  if (n < 2) throw new RangeError(`${fn}: needs at least two samples`);
  if (!Number.isInteger(components) || components < 1 || components > Math.min(n, d)) {
    throw new RangeError(`${fn}: components must be an integer from 1 to ${Math.min(n, d)}`);
  }
  const mean = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j] as number;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const centred = x.map((row) =>
    Array.from({ length: d }, (_, j) => (row[j] as number) - (mean[j] as number)),
  );
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (const row of centred) {
    for (let i = 0; i < d; i++) {
      const ri = row[i] as number;
      const ci = cov[i] as number[];
      for (let j = i; j < d; j++) ci[j]! += ri * (row[j] as number);
    }
  }
  let trace = 0;
  for (let i = 0; i < d; i++) {
    const ci = cov[i] as number[];
    for (let j = i; j < d; j++) ci[j]! /= n - 1;
    trace += ci[i] as number;
  }
  const eigen = symmetricEigen(cov);
  const picked = eigen.vectors.slice(0, components).map((vector) => {
    let extreme = 0;
    for (const row of centred) {
      let projection = 0;
      for (let j = 0; j < d; j++) projection += (row[j] as number) * (vector[j] as number);
      if (Math.abs(projection) > Math.abs(extreme)) extreme = projection;
    }
    return extreme < 0 ? vector.map((c) => -c) : vector;
  });
  // Rounding can leave a null direction a hair below zero; a variance is never negative.
  const variance = eigen.values.slice(0, components).map((value) => Math.max(value, 0));
  return {
    mean,
    components: picked,
    explainedVariance: variance,
    explainedVarianceRatio: variance.map((value) => (trace === 0 ? 0 : value / trace)),
  };
}

export function pcaExplainedVarianceRatio(x: Matrix, components: number): number[] {
  return pca(x, components).explainedVarianceRatio;
}
