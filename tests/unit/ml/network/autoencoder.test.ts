import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultOptimizer } from '../../../../src/core/network/training-spec';
import { createRng } from '../../../../src/core/rng';
import {
  decodeLatentGrid,
  encode,
  trainAutoencoder,
  type AutoencoderConfig,
  type AutoencoderData,
} from '../../../../src/ml/network/autoencoder';
import { RunControl } from '../../../../src/ml/network/run-control';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** 8-D rows on a 2-D surface: reconstructable through a 2-unit bottleneck, not by a constant. */
function surface(rows: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(rows * 8);
  for (let r = 0; r < rows; r++) {
    const a = rng();
    const b = rng();
    [a, b, a * b, (a + b) / 2, a * a, b * b, 1 - a, 1 - b].forEach((v, i) => (x[r * 8 + i] = v));
  }
  return x;
}

const data: AutoencoderData = {
  width: 8,
  train: surface(200, 1),
  validation: surface(50, 2),
  test: surface(50, 3),
};

function variance(rows: Float32Array, width: number): number {
  let total = 0;
  const n = rows.length / width;
  for (let c = 0; c < width; c++) {
    let mean = 0;
    for (let r = 0; r < n; r++) mean += rows[r * width + c]!;
    mean /= n;
    for (let r = 0; r < n; r++) total += (rows[r * width + c]! - mean) ** 2;
  }
  return total / rows.length;
}

const config = (overrides: Partial<AutoencoderConfig> = {}): AutoencoderConfig => ({
  variational: false,
  hidden: [16],
  latent: 2,
  activation: 'tanh',
  outputActivation: 'sigmoid',
  optimizer: defaultOptimizer('adam'),
  learningRate: 0.01,
  batchSize: 20,
  epochs: 40,
  seed: 4,
  beta: 1,
  ...overrides,
});

describe('autoencoders', () => {
  it('reconstructs rows far better than their mean, leaving no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const result = await trainAutoencoder({ data, config: config(), control: new RunControl() });
    if (result.status === 'failed') throw new Error('diverged');
    // The mean predictor's MSE is the per-value variance.
    expect(result.testReconstruction).toBeLessThan(0.25 * variance(data.test, 8));
    expect(result.history[39]!.trainReconstruction).toBeLessThan(
      result.history[0]!.trainReconstruction,
    );
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('a VAE keeps a positive KL term, and decodes its latent plane and encodes to 2-D', async () => {
    let grid: Float32Array | null = null;
    let codes: number[] = [];
    const before = tf.memory().numTensors;
    const result = await trainAutoencoder({
      data,
      config: config({ variational: true, epochs: 30 }),
      control: new RunControl(),
      onFinished: async (model) => {
        grid = await decodeLatentGrid(model, 5);
        const input = tf.tensor2d(data.test, [50, 8]);
        const z = encode(model, input);
        codes = Array.from(await z.data());
        tf.dispose([input, z]);
      },
    });
    if (result.status === 'failed') throw new Error('diverged');
    const last = result.history[result.history.length - 1]!;
    expect(last.trainKl).toBeGreaterThan(0);
    expect(last.valReconstruction).toBeLessThan(variance(data.validation, 8));
    expect(grid).toHaveLength(25 * 8);
    expect(codes).toHaveLength(50 * 2);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('stops when asked, with the epochs done so far', async () => {
    const control = new RunControl();
    const result = await trainAutoencoder({
      data,
      config: config({ epochs: 50 }),
      control,
      onEpoch: (record) => {
        if (record.epoch === 2) control.stop();
      },
    });
    expect(result.status).toBe('stopped');
    if (result.status !== 'failed') expect(result.history).toHaveLength(2);
  });
});
