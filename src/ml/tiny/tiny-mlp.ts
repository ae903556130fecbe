/**
 * A dense network in plain typed arrays, for networks so small (TensorFlow Playground's 2-8-8-2)
 * that tfjs spends its time on per-operation bookkeeping rather than arithmetic. It computes
 * what `buildMlp`'s tfjs model computes, with tfjs's own formulas, so the two paths agree
 * within float tolerance (tfjs works in float32, this engine in float64).
 *
 * Invariants:
 * - Every buffer is allocated once, in the constructor, for `maxRows` rows; a training step
 *   allocates nothing.
 * - Parameters live in one flat array, layer after layer, each layer its kernel then its bias;
 *   gradients share the layout, so an optimizer is one loop over the array. The kernel is kept
 *   transposed (out×in: one row of weights per unit, read contiguously with a register
 *   accumulator), unlike tfjs's in×out; `setWeights` and `toTfjsLayout` convert.
 * - Hidden layers use the configured activation; the output layer is a softmax over k units
 *   (classification) or one linear unit (regression), like `buildMlp`.
 * - Losses match `trainMlp`'s: mean categorical cross-entropy of the clipped softmax, each row
 *   optionally scaled by its class weight, or the mean squared error.
 */
import type { Activation } from '../../contracts/training';
import { activate, activationGradient, softmaxRows } from './activations';

export type TinyTask = 'classification' | 'regression';

/** Keras's epsilon, as in train-loop.ts: the clip that keeps log() of a softmax finite. */
export const PROBABILITY_EPSILON = 1e-7;

export interface TinyMlpSpec {
  /** Units per layer, input first, output last (k for classification, 1 for regression). */
  layerSizes: readonly number[];
  activation: Activation;
  task: TinyTask;
  /** The most rows one forward pass holds (the batch size; prediction works in such chunks). */
  maxRows: number;
}

/** Loss of the last `lossAndGradients` call and, for classification, its correct predictions. */
export interface BatchStats {
  loss: number;
  correct: number;
}

export class TinyMlp {
  readonly params: Float64Array;
  readonly grads: Float64Array;
  readonly stats: BatchStats = { loss: 0, correct: 0 };
  private readonly sizes: readonly number[];
  private readonly activation: Activation;
  private readonly isClassification: boolean;
  private readonly maxRows: number;
  /** Start of each layer's out×in kernel in `params`; its bias follows at + in·out. */
  private readonly offsets: number[] = [];
  /** Pre-activations z[l] and outputs a[l] per layer; a[0] holds the input rows. */
  private readonly z: Float64Array[] = [];
  private readonly a: Float64Array[] = [];
  /** d(loss)/d(z[l]) per layer. */
  private readonly delta: Float64Array[] = [];

  constructor(spec: TinyMlpSpec) {
    const { layerSizes, maxRows } = spec;
    if (layerSizes.length < 2 || maxRows < 1) throw new RangeError('TinyMlp: empty network');
    this.sizes = [...layerSizes];
    this.activation = spec.activation;
    this.isClassification = spec.task === 'classification';
    this.maxRows = maxRows;
    let count = 0;
    for (let l = 0; l < layerSizes.length; l++) {
      const units = layerSizes[l] as number;
      this.a.push(new Float64Array(maxRows * units));
      this.z.push(new Float64Array(l === 0 ? 0 : maxRows * units));
      this.delta.push(new Float64Array(l === 0 ? 0 : maxRows * units));
      if (l > 0) {
        this.offsets.push(count);
        count += ((layerSizes[l - 1] as number) + 1) * units;
      }
    }
    this.params = new Float64Array(count);
    this.grads = new Float64Array(count);
  }

  get parameterCount(): number {
    return this.params.length;
  }

  get outputUnits(): number {
    return this.sizes[this.sizes.length - 1] as number;
  }

  /** Loads weights in tfjs `getWeights()` order and layout: in×out kernel, then bias, per layer. */
  setWeights(weights: readonly ArrayLike<number>[]): void {
    const expected = 2 * (this.sizes.length - 1);
    if (weights.length !== expected) {
      throw new RangeError(`TinyMlp: ${weights.length} weight arrays for ${expected}`);
    }
    for (let l = 1; l < this.sizes.length; l++) {
      const nIn = this.sizes[l - 1] as number;
      const nOut = this.sizes[l] as number;
      const w = this.offsets[l - 1] as number;
      const kernel = weights[2 * (l - 1)] as ArrayLike<number>;
      const bias = weights[2 * (l - 1) + 1] as ArrayLike<number>;
      if (kernel.length !== nIn * nOut || bias.length !== nOut) {
        throw new RangeError(`TinyMlp: layer ${l} weights do not match ${nIn}×${nOut}`);
      }
      for (let i = 0; i < nIn; i++) {
        for (let j = 0; j < nOut; j++)
          this.params[w + j * nIn + i] = kernel[i * nOut + j] as number;
      }
      for (let j = 0; j < nOut; j++) this.params[w + nIn * nOut + j] = bias[j] as number;
    }
  }

  /** `params` or `grads` in tfjs's order and layout (in×out kernels), e.g. to compare with tfjs. */
  toTfjsLayout(values: Float64Array): Float64Array {
    const out = new Float64Array(values.length);
    for (let l = 1; l < this.sizes.length; l++) {
      const nIn = this.sizes[l - 1] as number;
      const nOut = this.sizes[l] as number;
      const w = this.offsets[l - 1] as number;
      for (let i = 0; i < nIn; i++) {
        for (let j = 0; j < nOut; j++) out[w + i * nOut + j] = values[w + j * nIn + i] as number;
      }
      for (let j = 0; j < nOut; j++) out[w + nIn * nOut + j] = values[w + nIn * nOut + j] as number;
    }
    return out;
  }

  /** Copies rows `order[start..start+count)` of `x` (all rows from `start` if `order` is null). */
  loadRows(x: Float32Array, order: Int32Array | null, start: number, count: number): void {
    const width = this.sizes[0] as number;
    const input = this.a[0] as Float64Array;
    for (let r = 0; r < count; r++) {
      const row = order ? (order[start + r] as number) : start + r;
      const from = row * width;
      for (let i = 0; i < width; i++) input[r * width + i] = x[from + i] as number;
    }
  }

  /** Forward pass over the `count` loaded rows; the outputs are then in `output()`. */
  forward(count: number): void {
    const last = this.sizes.length - 1;
    for (let l = 1; l <= last; l++) {
      const nIn = this.sizes[l - 1] as number;
      const nOut = this.sizes[l] as number;
      const w = this.offsets[l - 1] as number;
      const b = w + nIn * nOut;
      const p = this.params;
      const aIn = this.a[l - 1] as Float64Array;
      const z = this.z[l] as Float64Array;
      // The bias is added after the products, as tfjs adds it after its matMul.
      for (let r = 0; r < count; r++) {
        const rowIn = r * nIn;
        const rowOut = r * nOut;
        for (let j = 0; j < nOut; j++) {
          const wRow = w + j * nIn;
          let sum = 0;
          for (let i = 0; i < nIn; i++) sum += (aIn[rowIn + i] as number) * (p[wRow + i] as number);
          z[rowOut + j] = sum + (p[b + j] as number);
        }
      }
      const aOut = this.a[l] as Float64Array;
      if (l < last) activate(this.activation, z, aOut, count * nOut);
      else if (this.isClassification) softmaxRows(z, aOut, count, nOut);
      else for (let i = 0; i < count; i++) aOut[i] = z[i] as number;
    }
  }

  /** The network's outputs for the last forward pass (row-major, `count`×outputs valid). */
  output(): Float64Array {
    return this.a[this.sizes.length - 1] as Float64Array;
  }

  /**
   * Loss of the loaded rows against `y` (labels or standardised targets, picked by the same
   * `order`), and its gradient with respect to every parameter into `grads`. Call `forward`
   * first. `classWeights`, when given, scales each row's cross-entropy by its class's weight.
   */
  lossAndGradients(
    y: Float32Array,
    order: Int32Array | null,
    start: number,
    count: number,
    classWeights: Float32Array | null,
  ): BatchStats {
    const last = this.sizes.length - 1;
    const k = this.sizes[last] as number;
    const out = this.a[last] as Float64Array;
    const dOut = this.delta[last] as Float64Array;
    let loss = 0;
    let correct = 0;
    for (let r = 0; r < count; r++) {
      const row = order ? (order[start + r] as number) : start + r;
      const target = y[row] as number;
      if (!this.isClassification) {
        const e = (out[r] as number) - target;
        loss += e * e;
        dOut[r] = (2 * e) / count;
        continue;
      }
      const base = r * k;
      let best = 0;
      for (let c = 1; c < k; c++)
        if ((out[base + c] as number) > (out[base + best] as number)) best = c;
      if (best === target) correct++;
      const weight = classWeights ? (classWeights[target] as number) : 1;
      const p = out[base + target] as number;
      loss -=
        weight * Math.log(Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON));
      // clipByValue passes the gradient only inside the clip range; then the softmax Jacobian
      // turns −w/(n·p_c) on the true class into w/n·(p − onehot) on the logits.
      const scale = p >= PROBABILITY_EPSILON && p <= 1 - PROBABILITY_EPSILON ? weight / count : 0;
      for (let c = 0; c < k; c++) {
        dOut[base + c] = scale * ((out[base + c] as number) - (c === target ? 1 : 0));
      }
    }
    this.backward(count);
    this.stats.loss = loss / count;
    this.stats.correct = correct;
    return this.stats;
  }

  /** Backpropagates `delta[last]` into `grads`. */
  private backward(count: number): void {
    const p = this.params;
    const g = this.grads;
    for (let l = this.sizes.length - 1; l >= 1; l--) {
      const nIn = this.sizes[l - 1] as number;
      const nOut = this.sizes[l] as number;
      const w = this.offsets[l - 1] as number;
      const b = w + nIn * nOut;
      const d = this.delta[l] as Float64Array;
      const aIn = this.a[l - 1] as Float64Array;
      // One pass over the batch accumulates the layer's gradients and, below the first
      // layer, d(loss)/d(input) for the layer underneath.
      g.fill(0, w, b + nOut);
      const dIn = this.delta[l - 1] as Float64Array;
      const isFirst = l === 1;
      if (!isFirst) dIn.fill(0, 0, count * nIn);
      for (let r = 0; r < count; r++) {
        const rowIn = r * nIn;
        const rowOut = r * nOut;
        for (let j = 0; j < nOut; j++) {
          const dj = d[rowOut + j] as number;
          const wRow = w + j * nIn;
          g[b + j] = (g[b + j] as number) + dj;
          if (isFirst) {
            for (let i = 0; i < nIn; i++) {
              g[wRow + i] = (g[wRow + i] as number) + dj * (aIn[rowIn + i] as number);
            }
          } else {
            for (let i = 0; i < nIn; i++) {
              g[wRow + i] = (g[wRow + i] as number) + dj * (aIn[rowIn + i] as number);
              dIn[rowIn + i] = (dIn[rowIn + i] as number) + dj * (p[wRow + i] as number);
            }
          }
        }
      }
      if (isFirst) break;
      activationGradient(this.activation, this.z[l - 1] as Float64Array, aIn, dIn, count * nIn);
    }
  }

  /** Outputs for every row of `x` (n×outputs, row-major), in chunks of `maxRows`. */
  predict(x: Float32Array, n: number): Float32Array {
    const units = this.outputUnits;
    const result = new Float32Array(n * units);
    for (let start = 0; start < n; start += this.maxRows) {
      const count = Math.min(this.maxRows, n - start);
      this.loadRows(x, null, start, count);
      this.forward(count);
      const out = this.output();
      for (let i = 0; i < count * units; i++) result[start * units + i] = out[i] as number;
    }
    return result;
  }
}
