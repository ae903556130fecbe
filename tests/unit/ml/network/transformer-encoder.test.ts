import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/rng';
import {
  positionalEncoding,
  TransformerEncoder,
} from '../../../../src/ml/network/transformer-encoder';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const STEPS = 3;
const WIDTH = 4;

function encoder(positional: boolean): TransformerEncoder {
  const layer = new TransformerEncoder({
    heads: 2,
    keyDim: 2,
    feedForward: 5,
    dropout: 0,
    positional,
    seed: 11,
  });
  layer.build([null, STEPS, WIDTH]);
  return layer;
}

function randomValues(count: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: count }, () => rng() * 2 - 1);
}

/** loss = Σ output · R with a fixed R, so every output element's gradient matters. */
function lossOf(layer: TransformerEncoder, x: tf.Tensor3D, weights: Float32Array): tf.Scalar {
  return tf.tidy(() => {
    const out = layer.apply(x, { training: false }) as tf.Tensor3D;
    return out.mul(tf.tensor3d(weights, out.shape)).sum() as tf.Scalar;
  });
}

describe('TransformerEncoder', () => {
  it('matches numerical gradients for its input and every weight', () => {
    const layer = encoder(true);
    const x = tf.tensor3d(randomValues(2 * STEPS * WIDTH, 1), [2, STEPS, WIDTH]);
    const r = randomValues(2 * STEPS * WIDTH, 2);
    const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => lossOf(layer, x, r), variables);
    const inputGrad = tf.grad((input: tf.Tensor) => lossOf(layer, input as tf.Tensor3D, r))(x);

    const eps = 1e-2;
    const numerical = (get: () => Float32Array, set: (v: Float32Array) => void, i: number) => {
      const values = get();
      const original = values[i]!;
      values[i] = original + eps;
      set(values);
      const plus = lossOf(layer, x, r).dataSync()[0]!;
      values[i] = original - eps;
      set(values);
      const minus = lossOf(layer, x, r).dataSync()[0]!;
      values[i] = original;
      set(values);
      return (plus - minus) / (2 * eps);
    };

    let checked = 0;
    // A weight cut off from the output would pass with two zero gradients: demand real ones.
    let largest = 0;
    for (const weight of layer.trainableWeights) {
      const analytic = grads[(weight.read() as tf.Variable).name]!.dataSync();
      const size = analytic.length;
      for (let i = 0; i < size; i += Math.max(1, Math.floor(size / 6))) {
        const value = numerical(
          () => weight.read().dataSync().slice() as Float32Array,
          (v) => weight.write(tf.tensor(v, weight.shape as number[])),
          i,
        );
        expect(analytic[i]).toBeCloseTo(value, 2);
        largest = Math.max(largest, Math.abs(value));
        checked++;
      }
    }
    const inputValues = x.dataSync().slice() as Float32Array;
    const inputAnalytic = inputGrad.dataSync();
    for (let i = 0; i < inputValues.length; i += 3) {
      const probe = inputValues.slice();
      probe[i] = inputValues[i]! + eps;
      const plus = lossOf(layer, tf.tensor3d(probe, x.shape), r).dataSync()[0]!;
      probe[i] = inputValues[i]! - eps;
      const minus = lossOf(layer, tf.tensor3d(probe, x.shape), r).dataSync()[0]!;
      expect(inputAnalytic[i]).toBeCloseTo((plus - minus) / (2 * eps), 2);
      checked++;
    }
    expect(checked).toBeGreaterThan(60);
    expect(largest).toBeGreaterThan(0.1);
    tf.dispose([x, inputGrad, ...Object.values(grads)]);
  });

  it('depends on order only through the positional encoding', () => {
    const x = tf.tensor3d(randomValues(STEPS * WIDTH, 3), [1, STEPS, WIDTH]);
    const reversed = tf.reverse(x, 1);
    for (const positional of [false, true]) {
      const layer = encoder(positional);
      const forward = layer.apply(x) as tf.Tensor;
      const backward = tf.reverse(layer.apply(reversed) as tf.Tensor, 1);
      const gap = tf.max(tf.abs(forward.sub(backward))).dataSync()[0]!;
      if (positional) expect(gap).toBeGreaterThan(1e-3);
      else expect(gap).toBeLessThan(1e-5);
      tf.dispose([forward, backward]);
    }
    tf.dispose([x, reversed]);
  });

  it('computes the sinusoidal encoding of Vaswani et al.', () => {
    const pe = positionalEncoding(3, 4);
    const values = pe.arraySync();
    expect(values[0]).toEqual([0, 1, 0, 1]);
    expect(values[2]![0]).toBeCloseTo(Math.sin(2), 6);
    expect(values[2]![1]).toBeCloseTo(Math.cos(2), 6);
    expect(values[2]![2]).toBeCloseTo(Math.sin(2 / 100), 6);
    expect(values[2]![3]).toBeCloseTo(Math.cos(2 / 100), 6);
    pe.dispose();
  });

  it('leaves no tensor behind when applied, training with dropout', () => {
    const layer = new TransformerEncoder({
      heads: 1,
      keyDim: 4,
      feedForward: 8,
      dropout: 0.5,
      positional: true,
      seed: 1,
    });
    layer.build([null, STEPS, WIDTH]);
    const x = tf.ones([2, STEPS, WIDTH]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(layer.apply(x, { training: true }) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});
