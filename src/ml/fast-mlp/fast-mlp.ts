/**
 * A dense network for MLPs too big for the tiny engine (src/ml/tiny), where tfjs spends most of
 * a step on per-operation work around the matrix products (kernel dispatch, tensor bookkeeping,
 * a dozen small ops for the loss and per weight for Adam). Here a training step is a fixed
 * sequence of products on preallocated float32 buffers (`FastKernels`: the WASM backend's
 * XNNPACK, or blocked JS) and tight JS loops for everything elementwise. It computes what
 * `buildMlp`'s model and `trainMlp`'s loss compute, with the tiny engine's formulas.
 *
 * Invariants:
 * - Every buffer is allocated once, for `maxRows` rows; a step allocates nothing.
 * - Layer l's kernel W is in×out row-major, tfjs's own layout, so weights load and save as is.
 * - Only each layer's output a = f(z) is kept (the activation runs in place on the product);
 *   activation gradients are written in terms of a (fast-activations.ts).
 * - After parameters change, `commitParameters()` must run before the next forward pass: it
 *   refreshes the transposed kernels the backward pass multiplies by and invalidates the
 *   kernels' caches of the old values.
 * - Hidden layers use the configured activation; the output layer is a softmax over k units
 *   (classification) or one linear unit (regression). Losses: mean clipped cross-entropy, each
 *   row optionally scaled by its class weight, or the mean squared error.
 */
import type { Activation } from '../../contracts/training';
import { PROBABILITY_EPSILON } from '../tiny/tiny-mlp';
import {
  activateInPlace,
  activationGradientInPlace,
  softmaxRowsInPlace,
  transpose,
} from './fast-activations';
import type { FastBuffer, FastKernels } from './kernels';

export interface FastMlpSpec {
  /** Units per layer, input first, output last (k for classification, 1 for regression). */
  layerSizes: readonly number[];
  activation: Activation;
  task: 'classification' | 'regression';
  /** The most rows one forward pass holds (the batch size; prediction works in such chunks). */
  maxRows: number;
}

export interface FastBatchStats {
  loss: number;
  correct: number;
}

interface Layer {
  nIn: number;
  nOut: number;
  kernel: FastBuffer;
  bias: FastBuffer;
  kernelGrad: FastBuffer;
  biasGrad: FastBuffer;
  /** This layer's output rows (after the activation). */
  out: FastBuffer;
  /** d(loss)/d(z) of this layer's rows. */
  delta: FastBuffer;
  /** The kernel transposed (out×in), for layers that pass a gradient down; else null. */
  kernelT: FastBuffer | null;
}

export class FastMlp {
  readonly stats: FastBatchStats = { loss: 0, correct: 0 };
  private readonly kernels: FastKernels;
  private readonly sizes: readonly number[];
  private readonly activation: Activation;
  private readonly isClassification: boolean;
  readonly maxRows: number;
  private readonly input: FastBuffer;
  /** Scratch for a layer input transposed (in×rows), for the kernel gradient's product. */
  private readonly scratchT: FastBuffer;
  private readonly layers: Layer[] = [];

  constructor(spec: FastMlpSpec, kernels: FastKernels) {
    const { layerSizes, maxRows } = spec;
    if (layerSizes.length < 2 || maxRows < 1) throw new RangeError('FastMlp: empty network');
    this.kernels = kernels;
    this.sizes = [...layerSizes];
    this.activation = spec.activation;
    this.isClassification = spec.task === 'classification';
    this.maxRows = maxRows;
    const lengths: number[] = [maxRows * (layerSizes[0] as number)];
    let widest = 0;
    for (let l = 1; l < layerSizes.length; l++) {
      const nIn = layerSizes[l - 1] as number;
      const nOut = layerSizes[l] as number;
      widest = Math.max(widest, nIn);
      // kernel, bias, their gradients, outputs, deltas, transposed kernel
      lengths.push(nIn * nOut, nOut, nIn * nOut, nOut, maxRows * nOut, maxRows * nOut);
      lengths.push(l > 1 ? nIn * nOut : 0);
    }
    lengths.push(widest * maxRows);
    const buffers = kernels.allocate(lengths);
    let taken = 0;
    const next = (): FastBuffer => buffers[taken++] as FastBuffer;
    this.input = next();
    for (let l = 1; l < layerSizes.length; l++) {
      const layer: Layer = {
        nIn: layerSizes[l - 1] as number,
        nOut: layerSizes[l] as number,
        kernel: next(),
        bias: next(),
        kernelGrad: next(),
        biasGrad: next(),
        out: next(),
        delta: next(),
        kernelT: null,
      };
      const kernelT = next();
      if (l > 1) layer.kernelT = kernelT;
      this.layers.push(layer);
    }
    this.scratchT = next();
  }

  get parameterCount(): number {
    return this.layers.reduce((sum, { nIn, nOut }) => sum + (nIn + 1) * nOut, 0);
  }

  get outputUnits(): number {
    return this.sizes[this.sizes.length - 1] as number;
  }

  /** Inputs and outputs of each dense layer, bottom first. */
  layerShapes(): { nIn: number; nOut: number }[] {
    return this.layers.map(({ nIn, nOut }) => ({ nIn, nOut }));
  }

  /** (parameter, gradient) pairs in tfjs `getWeights()` order, read after `sync()`. */
  parameterPairs(): { params: Float32Array; grads: Float32Array }[] {
    this.kernels.sync();
    return this.layers.flatMap((layer) => [
      { params: layer.kernel.data, grads: layer.kernelGrad.data },
      { params: layer.bias.data, grads: layer.biasGrad.data },
    ]);
  }

  /** Loads weights in tfjs `getWeights()` order and layout: in×out kernel, then bias, per layer. */
  setWeights(weights: readonly ArrayLike<number>[]): void {
    if (weights.length !== 2 * this.layers.length) {
      throw new RangeError(
        `FastMlp: ${weights.length} weight arrays for ${2 * this.layers.length}`,
      );
    }
    this.kernels.sync();
    this.layers.forEach((layer, i) => {
      const kernel = weights[2 * i] as ArrayLike<number>;
      const bias = weights[2 * i + 1] as ArrayLike<number>;
      if (kernel.length !== layer.nIn * layer.nOut || bias.length !== layer.nOut) {
        throw new RangeError(
          `FastMlp: layer ${i + 1} weights do not match ${layer.nIn}×${layer.nOut}`,
        );
      }
      layer.kernel.data.set(kernel);
      layer.bias.data.set(bias);
    });
    this.commitParameters();
  }

  /** All parameters, flat, in tfjs `getWeights()` order and layout. */
  weights(): Float32Array {
    this.kernels.sync();
    const out = new Float32Array(this.parameterCount);
    let offset = 0;
    for (const layer of this.layers) {
      out.set(layer.kernel.data, offset);
      offset += layer.kernel.length;
      out.set(layer.bias.data, offset);
      offset += layer.bias.length;
    }
    return out;
  }

  /** All gradients of the last `lossAndGradients`, flat, in the same order as `weights()`. */
  gradients(): Float32Array {
    this.kernels.sync();
    const out = new Float32Array(this.parameterCount);
    let offset = 0;
    for (const layer of this.layers) {
      out.set(layer.kernelGrad.data, offset);
      offset += layer.kernelGrad.length;
      out.set(layer.biasGrad.data, offset);
      offset += layer.biasGrad.length;
    }
    return out;
  }

  /** Call after parameters changed (optimizer step, `setWeights`). */
  commitParameters(): void {
    const { kernels } = this;
    kernels.sync();
    for (const layer of this.layers) {
      kernels.invalidate(layer.kernel);
      kernels.invalidate(layer.bias);
      if (layer.kernelT) {
        transpose(layer.kernel.data, layer.kernelT.data, layer.nIn, layer.nOut);
        kernels.invalidate(layer.kernelT);
      }
    }
  }

  /** Copies rows `order[start..start+count)` of `x` (rows from `start` on if `order` is null). */
  loadRows(x: Float32Array, order: Int32Array | null, start: number, count: number): void {
    this.kernels.sync();
    const width = this.sizes[0] as number;
    const input = this.input.data;
    if (!order) {
      input.set(x.subarray(start * width, (start + count) * width));
      return;
    }
    for (let r = 0; r < count; r++) {
      const from = (order[start + r] as number) * width;
      input.set(x.subarray(from, from + width), r * width);
    }
  }

  /** Forward pass over the `count` loaded rows; the outputs are then in `output()`. */
  forward(count: number): void {
    const { kernels, layers } = this;
    const last = layers.length - 1;
    const fuseRelu = this.activation === 'relu';
    let below = this.input;
    layers.forEach((layer, l) => {
      const hidden = l < last;
      kernels.matmul(
        layer.out,
        below,
        layer.kernel,
        count,
        layer.nIn,
        layer.nOut,
        layer.bias,
        hidden && fuseRelu,
      );
      if (hidden && !fuseRelu) {
        kernels.sync();
        activateInPlace(this.activation, layer.out.data, count * layer.nOut);
      }
      below = layer.out;
    });
    kernels.sync();
    const top = layers[last] as Layer;
    if (this.isClassification) softmaxRowsInPlace(top.out.data, count, top.nOut);
  }

  /** The outputs of the last forward pass (row-major, `count`×outputs valid until the next). */
  output(): Float32Array {
    this.kernels.sync();
    return (this.layers[this.layers.length - 1] as Layer).out.data;
  }

  /**
   * Loss of the loaded rows against `y` (labels or standardised targets, picked by the same
   * `order`) and every parameter's gradient. Call `forward` first.
   */
  lossAndGradients(
    y: Float32Array,
    order: Int32Array | null,
    start: number,
    count: number,
    classWeights: Float32Array | null,
  ): FastBatchStats {
    this.kernels.sync();
    const top = this.layers[this.layers.length - 1] as Layer;
    const k = top.nOut;
    const out = top.out.data;
    const dOut = top.delta.data;
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
      for (let c = 1; c < k; c++) {
        if ((out[base + c] as number) > (out[base + best] as number)) best = c;
      }
      if (best === target) correct++;
      const weight = classWeights ? (classWeights[target] as number) : 1;
      const p = out[base + target] as number;
      loss -=
        weight * Math.log(Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON));
      // As in the tiny engine: the clip passes a gradient only inside its range, and the softmax
      // Jacobian turns −w/(n·p_c) on the true class into w/n·(p − onehot) on the logits.
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

  private backward(count: number): void {
    const { kernels, layers } = this;
    for (let l = layers.length - 1; l >= 0; l--) {
      const layer = layers[l] as Layer;
      const below = l > 0 ? (layers[l - 1] as Layer).out : this.input;
      kernels.sync();
      const delta = layer.delta.data;
      // dW = inputᵀ·delta: the input is transposed in JS so the product takes the backend's
      // fast (non-transposed) path; delta serves as the product's `b`, so its cache is stale.
      transpose(below.data, this.scratchT.data, count, layer.nIn);
      kernels.invalidate(layer.delta);
      kernels.matmul(
        layer.kernelGrad,
        this.scratchT,
        layer.delta,
        layer.nIn,
        count,
        layer.nOut,
        null,
        false,
      );
      const nOut = layer.nOut;
      const biasGrad = layer.biasGrad.data;
      biasGrad.fill(0);
      for (let r = 0; r < count; r++) {
        const row = r * nOut;
        for (let j = 0; j < nOut; j++)
          biasGrad[j] = (biasGrad[j] as number) + (delta[row + j] as number);
      }
      if (l === 0) break;
      const lower = layers[l - 1] as Layer;
      kernels.matmul(
        lower.delta,
        layer.delta,
        layer.kernelT as FastBuffer,
        count,
        nOut,
        layer.nIn,
        null,
        false,
      );
      kernels.sync();
      activationGradientInPlace(
        this.activation,
        lower.out.data,
        lower.delta.data,
        count * layer.nIn,
      );
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
      result.set(this.output().subarray(0, count * units), start * units);
    }
    return result;
  }

  /** Frees the buffers (WASM heap memory); the network is unusable afterwards. */
  dispose(): void {
    this.kernels.dispose();
  }
}
