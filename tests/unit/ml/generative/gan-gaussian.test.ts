import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng, normalSample } from '../../../../src/core/rng';
import { meanGap } from '../../../../src/ml/generative/generative-views';
import { buildGan, sampleGan, trainGan, type GanConfig } from '../../../../src/ml/network/gan';
import { RunControl } from '../../../../src/ml/network/run-control';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A 2-D Gaussian away from the origin, where an untrained generator's samples start. */
function gaussian(rows: number): Float32Array {
  const rng = createRng(11);
  const out = new Float32Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    out[2 * i] = 0.7 + 0.1 * normalSample(rng);
    out[2 * i + 1] = -0.5 + 0.1 * normalSample(rng);
  }
  return out;
}

const config: GanConfig = {
  noise: 2,
  generatorHidden: [16],
  discriminatorHidden: [16],
  activation: 'relu',
  outputActivation: 'linear',
  learningRate: 0.005,
  batchSize: 32,
  epochs: 25,
  seed: 5,
};

describe('GAN on a 2-D Gaussian', () => {
  it('moves the generated mean at least 3x closer to the target mean', async () => {
    const real = gaussian(320);
    const untrained = buildGan(2, config);
    const before = meanGap(await sampleGan(untrained, 400, 1), real);
    untrained.generator.dispose();
    untrained.discriminator.dispose();
    let after = Number.NaN;
    const result = await trainGan({
      rows: real,
      width: 2,
      config,
      control: new RunControl(),
      onEpoch: async (_record, model) => {
        after = meanGap(await sampleGan(model, 400, 1), real);
      },
    });
    console.log(`GAN 2-D Gaussian: mean gap ${before.toFixed(3)} → ${after.toFixed(3)}`);
    expect(result.status).toBe('completed');
    expect(after).toBeLessThan(before / 3);
  });
});
