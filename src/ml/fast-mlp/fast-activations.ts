/**
 * Activations of the fast engine, in place on float32 buffers, with the formulas of the tiny
 * engine (src/ml/tiny/activations.ts: tfjs-backend-cpu's kernels and tfjs-core's gradients).
 * The engine keeps only each layer's output a = f(z), so every gradient is written in terms of
 * a: ReLU's and SELU's sign tests on z equal tests on a (both keep the sign), and SELU's
 * exp(z) for z ≤ 0 is a / (scale·alpha) + 1.
 */
import type { Activation } from '../../contracts/training';

/** tfjs-core's SELU_SCALE and SELU_SCALEALPHA. */
const SELU_SCALE = 1.0507009873554805;
const SELU_SCALE_ALPHA = 1.7580993408473768;

/** a ← f(a) over the first `length` values (ReLU is fused into the product instead). */
export function activateInPlace(activation: Activation, a: Float32Array, length: number): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < length; i++) if ((a[i] as number) < 0) a[i] = 0;
      return;
    case 'tanh':
      for (let i = 0; i < length; i++) a[i] = Math.tanh(a[i] as number);
      return;
    case 'sigmoid':
      for (let i = 0; i < length; i++) a[i] = 1 / (1 + Math.exp(-(a[i] as number)));
      return;
    case 'elu':
      for (let i = 0; i < length; i++) {
        const v = a[i] as number;
        if (v < 0) a[i] = Math.exp(v) - 1;
      }
      return;
    case 'selu':
      for (let i = 0; i < length; i++) {
        const v = a[i] as number;
        a[i] = v >= 0 ? SELU_SCALE * v : SELU_SCALE_ALPHA * (Math.exp(v) - 1);
      }
      return;
  }
}

/** d ← d · f′, from the outputs `a`, over the first `length` values. */
export function activationGradientInPlace(
  activation: Activation,
  a: Float32Array,
  d: Float32Array,
  length: number,
): void {
  switch (activation) {
    case 'relu':
      for (let i = 0; i < length; i++) if (!((a[i] as number) > 0)) d[i] = 0;
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
        const y = a[i] as number;
        d[i] = y > 0 ? (d[i] as number) * SELU_SCALE : (d[i] as number) * (y + SELU_SCALE_ALPHA);
      }
      return;
  }
}

/** tfjs's Softmax per row: exp(z − max) / Σ exp(z − max), in place. */
export function softmaxRowsInPlace(a: Float32Array, rows: number, k: number): void {
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    let max = a[base] as number;
    for (let c = 1; c < k; c++) max = Math.max(max, a[base + c] as number);
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp((a[base + c] as number) - max);
      a[base + c] = e;
      sum += e;
    }
    for (let c = 0; c < k; c++) a[base + c] = (a[base + c] as number) / sum;
  }
}

/** out (cols×rows) ← in (rows×cols)ᵀ, in 8×8 tiles so neither side is read with a long stride. */
export function transpose(
  input: Float32Array,
  out: Float32Array,
  rows: number,
  cols: number,
): void {
  const TILE = 8;
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(rows, r0 + TILE);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(cols, c0 + TILE);
      for (let r = r0; r < r1; r++) {
        const from = r * cols;
        for (let c = c0; c < c1; c++) out[c * rows + r] = input[from + c] as number;
      }
    }
  }
}
