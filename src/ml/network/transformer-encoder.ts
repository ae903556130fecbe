/**
 * A Transformer encoder block as one TF.js layer, because tfjs-layers has no attention layer:
 * optional sinusoidal positional encoding, multi-head scaled dot-product self-attention, then a
 * position-wise feed-forward network; each sub-block is residual and layer-normalized
 * ("post-norm", as in Vaswani et al. 2017). Input and output are [batch, steps, width].
 *
 * It registers itself with TF.js's serialization, so a model holding it saves and loads like
 * any other; its gradients come from TF.js's autodiff over plain ops and are checked against
 * numerical ones in tests/unit/ml/network/transformer-encoder.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { DropoutDraws } from './step-dropout';

export interface TransformerEncoderArgs {
  heads: number;
  keyDim: number;
  feedForward: number;
  dropout: number;
  positional: boolean;
  seed?: number;
  name?: string;
}

const EPSILON = 1e-5;

type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(...), as a [steps, width] tensor. */
export function positionalEncoding(steps: number, width: number): tf.Tensor2D {
  const values = new Float32Array(steps * width);
  for (let pos = 0; pos < steps; pos++) {
    for (let i = 0; i < width; i++) {
      const angle = pos / Math.pow(10000, (2 * Math.floor(i / 2)) / width);
      values[pos * width + i] = i % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return tf.tensor2d(values, [steps, width]);
}

export class TransformerEncoder extends tf.layers.Layer {
  static className = 'FitlabTransformerEncoder';
  private readonly args: TransformerEncoderArgs;
  private weightsByName: Record<string, tf.LayerVariable> = {};
  private readonly draws: DropoutDraws;

  constructor(args: TransformerEncoderArgs) {
    super(args.name === undefined ? {} : { name: args.name });
    this.args = { ...args };
    // Apart from the initialisers' seeds, which count up from `seed`.
    this.draws = new DropoutDraws((args.seed ?? 0) ^ 0x5bd1e995);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const width = shape[shape.length - 1];
    if (typeof width !== 'number') throw new Error('TransformerEncoder needs a known width');
    const { heads, keyDim, feedForward } = this.args;
    const inner = heads * keyDim;
    let seed = this.args.seed ?? 0;
    const glorot = () => tf.initializers.glorotUniform({ seed: seed++ });
    const add = (name: string, weightShape: number[], init: Initializer) => {
      this.weightsByName[name] = this.addWeight(name, weightShape, 'float32', init);
    };
    for (const name of ['query', 'key', 'value']) {
      add(`${name}_kernel`, [width, inner], glorot());
      add(`${name}_bias`, [inner], tf.initializers.zeros());
    }
    add('output_kernel', [inner, width], glorot());
    add('output_bias', [width], tf.initializers.zeros());
    add('norm1_gamma', [width], tf.initializers.ones());
    add('norm1_beta', [width], tf.initializers.zeros());
    add('ff1_kernel', [width, feedForward], glorot());
    add('ff1_bias', [feedForward], tf.initializers.zeros());
    add('ff2_kernel', [feedForward, width], glorot());
    add('ff2_bias', [width], tf.initializers.zeros());
    add('norm2_gamma', [width], tf.initializers.ones());
    add('norm2_beta', [width], tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  private weight(name: string): tf.Tensor {
    const variable = this.weightsByName[name];
    if (!variable) throw new Error(`TransformerEncoder weight ${name} is missing`);
    return variable.read();
  }

  /** x [rows, in] · W + b, applied to the last axis of a [batch, steps, in] tensor. */
  private project(x: tf.Tensor3D, kernel: string, bias: string): tf.Tensor3D {
    const [batch, steps, width] = x.shape;
    const w = this.weight(kernel) as tf.Tensor2D;
    const flat = tf.matMul(x.reshape([batch * steps, width]), w).add(this.weight(bias));
    return flat.reshape([batch, steps, w.shape[1]]);
  }

  private normalize(x: tf.Tensor3D, gamma: string, beta: string): tf.Tensor3D {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalized = x.sub(mean).div(variance.add(EPSILON).sqrt());
    return normalized.mul(this.weight(gamma)).add(this.weight(beta)) as tf.Tensor3D;
  }

  /** A fresh mask at each training step that repeats run to run (see step-dropout.ts). */
  private dropout(x: tf.Tensor3D, training: boolean): tf.Tensor3D {
    return training && this.args.dropout > 0
      ? (tf.dropout(x, this.args.dropout, undefined, this.draws.next()) as tf.Tensor3D)
      : x;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    return tf.tidy(() => {
      const training = kwargs.training === true;
      let x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [batch, steps, width] = x.shape;
      if (this.args.positional) x = x.add(positionalEncoding(steps, width));
      const { heads, keyDim } = this.args;
      const split = (t: tf.Tensor3D) =>
        t.reshape([batch, steps, heads, keyDim]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
      const q = split(this.project(x, 'query_kernel', 'query_bias'));
      const k = split(this.project(x, 'key_kernel', 'key_bias'));
      const v = split(this.project(x, 'value_kernel', 'value_bias'));
      const scores = tf.matMul(q, k, false, true).div(Math.sqrt(keyDim));
      const attended = tf.matMul(tf.softmax(scores, -1), v);
      const merged = attended.transpose([0, 2, 1, 3]).reshape([batch, steps, heads * keyDim]);
      const attention = this.project(merged as tf.Tensor3D, 'output_kernel', 'output_bias');
      const x1 = this.normalize(
        x.add(this.dropout(attention, training)),
        'norm1_gamma',
        'norm1_beta',
      );
      const hidden = tf.relu(this.project(x1, 'ff1_kernel', 'ff1_bias')) as tf.Tensor3D;
      const ff = this.project(hidden, 'ff2_kernel', 'ff2_bias');
      return this.normalize(x1.add(this.dropout(ff, training)), 'norm2_gamma', 'norm2_beta');
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { heads, keyDim, feedForward, dropout, positional } = this.args;
    return { ...super.getConfig(), heads, keyDim, feedForward, dropout, positional };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new cls(config);
  }
}

tf.serialization.registerClass(TransformerEncoder);
