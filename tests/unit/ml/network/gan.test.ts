import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, normalSample } from '../../../../src/core/rng';
import { buildGan, sampleGan, trainGan, type GanConfig } from '../../../../src/ml/network/gan';
import { RunControl } from '../../../../src/ml/network/run-control';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const config: GanConfig = {
  noise: 2,
  generatorHidden: [16, 16],
  discriminatorHidden: [16, 16],
  activation: 'relu',
  outputActivation: 'linear',
  learningRate: 0.002,
  batchSize: 32,
  epochs: 40,
  seed: 3,
};

/** A Gaussian blob at (3, −2) with spread 0.5. */
function blob(n: number): Float32Array {
  const rng = createRng(8);
  const rows = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) {
    rows[i * 2] = 3 + 0.5 * normalSample(rng);
    rows[i * 2 + 1] = -2 + 0.5 * normalSample(rng);
  }
  return rows;
}

const mean = (values: Float32Array, column: number) => {
  let total = 0;
  for (let i = column; i < values.length; i += 2) total += values[i]!;
  return total / (values.length / 2);
};

/** Samples of a freshly built generator: where training starts from. */
async function sampleUntrained(): Promise<Float32Array> {
  const model = buildGan(2, config);
  try {
    return await sampleGan(model, 400, 99);
  } finally {
    model.generator.dispose();
    model.discriminator.dispose();
  }
}

describe('trainGan', () => {
  it('moves generated points onto the data distribution and reports both losses', async () => {
    const before = tf.memory().numTensors;
    const distance = (s: Float32Array) => Math.hypot(mean(s, 0) - 3, mean(s, 1) + 2);
    const start = distance(await sampleUntrained());
    const distances: number[] = [];
    const result = await trainGan({
      rows: blob(512),
      width: 2,
      config,
      control: new RunControl(),
      onEpoch: async (record, model) => {
        distances.push(distance(await sampleGan(model, 400, 99)));
      },
    });
    if (result.status === 'failed') throw new Error('diverged');
    expect(result.history).toHaveLength(40);
    for (const r of result.history) {
      expect(r.discriminatorLoss).toBeGreaterThan(0);
      expect(r.generatorLoss).toBeGreaterThan(0);
    }
    // GAN training circles around the equilibrium rather than settling: judge the median
    // distance of the generated mean from the data's over the last ten epochs.
    const late = distances.slice(-10).sort((a, b) => a - b);
    const median = (late[4]! + late[5]!) / 2;
    expect(start).toBeGreaterThan(2.5);
    expect(median).toBeLessThan(1);
    const last = result.history[result.history.length - 1]!;
    expect(Math.abs(last.realScore - 0.5)).toBeLessThan(0.15);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
