import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../../src/ml/network/build-network';
import {
  activationMaps,
  convFilters,
  decisionGrid,
  gradientHistograms,
  weightHistograms,
} from '../../../../src/ml/network/live-views';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function cnn(): tf.Sequential {
  const built = buildNetwork(
    {
      inputShape: [6, 6, 1],
      layers: [
        {
          type: 'conv2d',
          filters: 3,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
        { type: 'flatten' },
        { type: 'dense', units: 2, activation: 'softmax' },
      ],
    },
    1,
  );
  if (!built.ok) throw new Error('build failed');
  return built.model;
}

describe('live views', () => {
  it('histograms every trainable weight, counting all its values, and leaks nothing', async () => {
    const model = cnn();
    const before = tf.memory().numTensors;
    const histograms = await weightHistograms(model, 10);
    expect(histograms.map((h) => h.layer)).toEqual([0, 0, 2, 2]);
    expect(histograms[0]!.counts.reduce((a, b) => a + b, 0)).toBe(3 * 3 * 1 * 3);
    expect(histograms[2]!.counts.reduce((a, b) => a + b, 0)).toBe(108 * 2);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('histograms a batch of gradients by variable', async () => {
    const grads = { a: tf.tensor1d([1, 2, 3]), b: tf.tensor1d([0]) };
    const histograms = await gradientHistograms(grads, 3);
    expect(histograms.map((h) => [h.name, h.counts])).toEqual([
      ['a', [1, 1, 1]],
      // One value: a single bar around it, [−0.5, 0.5] in three bins.
      ['b', [0, 1, 0]],
    ]);
    tf.dispose(Object.values(grads));
  });

  it('scores a grid over a 2-D input through the recipe mapping, top-left first', async () => {
    // A "model" that outputs [x > 0, x <= 0] as probabilities.
    const model = tf.sequential();
    model.add(
      tf.layers.dense({
        units: 2,
        inputShape: [2],
        activation: 'softmax',
        kernelInitializer: 'zeros',
      }),
    );
    model.layers[0]!.setWeights([
      tf.tensor2d([
        [50, -50],
        [0, 0],
      ]),
      tf.zeros([2]),
    ]);
    let mapped = 0;
    const grid = await decisionGrid(
      model,
      { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
      4,
      (points) => {
        mapped = points.length / 2;
        return points;
      },
    );
    expect(mapped).toBe(16);
    expect(grid.classes).toBe(2);
    // Row 0, column 0 is (x = −0.75, y = 0.75): class 1; column 3 (x = 0.75): class 0.
    expect(grid.probabilities[1]).toBeGreaterThan(0.99);
    expect(grid.probabilities[3 * 2]).toBeGreaterThan(0.99);
    model.dispose();
  });

  it('returns a sample’s activation maps after a convolution, and its filters', async () => {
    const model = cnn();
    const maps = await activationMaps(model, new Float32Array(36).fill(1), 0);
    expect([maps.height, maps.width, maps.channels]).toEqual([6, 6, 3]);
    expect(maps.values).toHaveLength(108);
    const filters = await convFilters(model, 0);
    expect(filters).toMatchObject({ size: 3, inChannels: 1, filters: 3 });
    expect(await convFilters(model, 1)).toBeNull();
    model.dispose();
  });
});
