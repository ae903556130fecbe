/**
 * Activation functions of the tiny engine, forward and backward, with the formulas of
 * tfjs-backend-cpu's kernels and tfjs-core's registered gradients, so that the tiny path and
 * the tfjs path compute the same numbers (up to float32 rounding on the tfjs side). Each works
 * in place on preallocated buffers over the first `length` values.
 */
import type { Activation } from '../../contracts/training';

/** tfjs-core's `SELU_SCALE` and `SELU_SCALEALPHA` (ops/selu_util), as the doubles they parse to. */
const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473768;

/** Forward formulas of tfjs-backend-cpu's unary kernels (Relu, Tanh, Sigmoid, Elu, Selu). */
export function activate(
  activation: Activation,
  z: Float64Array,
  a: Float64Array,
  length: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < length; i++) {
        const v = z[i] as number;
        a[i] = v < 0 ? 0 : v;
      }
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) a[i] = Math.tanh(z[i] as number);
      return;
    case 'sigmoid':
      for (let i = 0; i < length; i++) a[i] = 1 / (1 + Math.exp(-(z[i] as number)));
      return;
    case 'elu':
      for (let i = 0; i < length; i++) {
        const v = z[i] as number;
        a[i] = v >= 0 ? v : Math.exp(v) - 1;
      }
      return;
    case 'selu':
      for (let i = 0; i < length; i++) {
        const v = z[i] as number;
        a[i] = v >= 0 ? SELU_SCALE * v : SELU_SCALE_ALPHA * (Math.exp(v) - 1);
      }
      return;
  }
}

/**
 * Turns d(loss)/d(output) in `d` into d(loss)/d(pre-activation), in place, with the gradient
 * definitions tfjs registers: Relu uses step(x) (0 at x = 0), Tanh 1 − y², Sigmoid y(1 − y),
 * EluGrad reads the output (y ≥ 0 → 1, else y + 1), Selu's gradient masks on x > 0.
 */
export function activationGradient(
  activation: Activation,
  z: Float64Array,
  a: Float64Array,
  d: Float64Array,
  length: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < length; i++) if (!((z[i] as number) > 0)) d[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) {
        const y = a[i] as number;
        d[i] = (d[i] as number) * (1 - y * y);
      }
      return;
    case 'sigmoid':
      for (let i = 0; i < length; i++) {
        const y = a[i] as number;
        d[i] = (d[i] as number) * (y * (1 - y));
      }
      return;
    case 'elu':
      for (let i = 0; i < length; i++) {
        const y = a[i] as number;
        if (y < 0) d[i] = (d[i] as number) * (y + 1);
      }
      return;
    case 'selu':
      for (let i = 0; i < length; i++) {
        const x = z[i] as number;
        d[i] =
          x > 0 ? (d[i] as number) * SELU_SCALE : (d[i] as number) * SELU_SCALE_ALPHA * Math.exp(x);
      }
      return;
  }
}

/** tfjs's Softmax kernel: exp(z − max) / Σ exp(z − max) per row. */
export function softmaxRows(z: Float64Array, a: Float64Array, rows: number, k: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    let max = z[base] as number;
    for (let c = 1; c < k; c++) max = Math.max(max, z[base + c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((z[base + c] as number) - max);
      a[base + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) a[base + c] = (a[base + c] as number) / sum;
  }
}
