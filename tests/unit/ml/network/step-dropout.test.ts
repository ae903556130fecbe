import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNetwork } from '../../../../src/ml/network/build-network';
import { mixSeeds } from '../../../../src/core/rng';
import { setDropoutStep, StepDropout } from '../../../../src/ml/network/step-dropout';
import { TransformerEncoder } from '../../../../src/ml/network/transformer-encoder';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const ONES = () => tf.ones([4, 64]);

function maskAt(layer: tf.layers.Layer, step: number, input = ONES()): number[] {
  setDropoutStep(step);
  return tf.tidy(() =>
    Array.from((layer.apply(input, { training: true }) as tf.Tensor).dataSync()),
  );
}

describe('StepDropout', () => {
  it('draws a new mask at every step, and the same one again for the same seed and step', () => {
    const layer = new StepDropout({ rate: 0.5, seed: 11 });
    const first = maskAt(layer, 0);
    const second = maskAt(layer, 1);
    expect(second).not.toEqual(first);
    expect(maskAt(new StepDropout({ rate: 0.5, seed: 11 }), 0)).toEqual(first);
    expect(maskAt(new StepDropout({ rate: 0.5, seed: 12 }), 0)).not.toEqual(first);
    // Kept units are scaled by 1 / (1 - rate); about half are kept.
    expect(new Set(first)).toEqual(new Set([0, 2]));
    const kept = first.filter((v) => v > 0).length / first.length;
    expect(kept).toBeGreaterThan(0.35);
    expect(kept).toBeLessThan(0.65);
  });

  it("tfjs's own seeded dropout repeats its mask at every call (why this layer exists)", () => {
    const standard = tf.layers.dropout({ rate: 0.5, seed: 11 });
    expect(maskAt(standard, 1)).toEqual(maskAt(standard, 2));
  });

  it('gives a layer applied twice in one step two masks, the same two when the step repeats', () => {
    const layer = new StepDropout({ rate: 0.5, seed: 3 });
    const a = maskAt(layer, 7);
    const b = tf.tidy(() =>
      Array.from((layer.apply(ONES(), { training: true }) as tf.Tensor).dataSync()),
    );
    expect(b).not.toEqual(a);
    expect(maskAt(layer, 8)).not.toEqual(a);
    expect(maskAt(layer, 7)).toEqual(a);
  });

  it('passes its input through at inference, and leaks no tensor', () => {
    const layer = new StepDropout({ rate: 0.5, seed: 1 });
    const input = tf.tensor2d([[1, 2, 3]]);
    const before = tf.memory().numTensors;
    const output = layer.apply(input, { training: false }) as tf.Tensor;
    expect(Array.from(output.dataSync())).toEqual([1, 2, 3]);
    output.dispose();
    maskAt(layer, 5, input);
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });

  it("keeps a standard Dropout's noise shape: one mask shared by the rows", () => {
    const layer = new StepDropout({ rate: 0.5, seed: 2, noiseShape: [1, 64] });
    const values = maskAt(layer, 0);
    const rows = [0, 1, 2, 3].map((r) => values.slice(r * 64, (r + 1) * 64).join());
    expect(new Set(rows).size).toBe(1);
    expect(layer.getConfig()['noiseShape']).toEqual([1, 64]);
  });

  it('saves as a standard Dropout layer and loads back as itself', async () => {
    const built = buildNetwork(
      {
        inputShape: [3],
        layers: [
          { type: 'dense', units: 4, activation: 'relu' },
          { type: 'dropout', rate: 0.3 },
        ],
      },
      9,
    );
    if (!built.ok) throw new Error('not built');
    const json = built.model.toJSON(null, false) as unknown as {
      config: { layers: { class_name: string; config: { rate?: number } }[] };
    };
    const dropout = json.config.layers.find((layer) => layer.class_name === 'Dropout');
    expect(dropout?.config.rate).toBe(0.3);
    const saved: { artifacts?: tf.io.ModelArtifacts } = {};
    await built.model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved.artifacts = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory(saved.artifacts as tf.io.ModelArtifacts),
    );
    expect(loaded.layers.some((layer) => layer instanceof StepDropout)).toBe(true);
    built.model.dispose();
    loaded.dispose();
  });

  it('the Transformer block draws its dropout per step too', () => {
    const block = new TransformerEncoder({
      heads: 2,
      keyDim: 4,
      feedForward: 8,
      dropout: 0.3,
      positional: false,
      seed: 5,
    });
    const input = tf.randomNormal([2, 3, 8], 0, 1, 'float32', 1);
    const at = (step: number) => maskAt(block, step, input);
    const first = at(1);
    expect(at(2)).not.toEqual(first);
    expect(at(1)).toEqual(first);
    input.dispose();
    block.dispose();
  });

  it('mixes seeds, steps and calls into distinct 32-bit seeds', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++)
      for (let step = 0; step < 50; step++)
        for (let call = 0; call < 3; call++) seeds.add(mixSeeds(seed, step, call));
    expect(seeds.size).toBe(20 * 50 * 3);
    expect([...seeds].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
  });
});
