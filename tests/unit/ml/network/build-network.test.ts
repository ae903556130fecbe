import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NetworkSpec } from '../../../../src/contracts/network';
import { analyzeNetwork } from '../../../../src/core/network/analyze';
import { buildNetwork } from '../../../../src/ml/network/build-network';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const SPECS: Record<string, NetworkSpec> = {
  mlp: {
    inputShape: [20],
    layers: [
      { type: 'dense', units: 16, activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
      { type: 'batchNorm' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  },
  cnn: {
    inputShape: [12, 12, 1],
    layers: [
      {
        type: 'conv2d',
        filters: 4,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        activation: 'relu',
      },
      { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
      {
        type: 'conv2d',
        filters: 6,
        kernelSize: 3,
        strides: 2,
        padding: 'valid',
        activation: 'gelu',
      },
      { type: 'avgPool2d', poolSize: 2, strides: 1, padding: 'same' },
      { type: 'globalAvgPool2d' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  recurrent: {
    inputShape: [7, 3],
    layers: [
      { type: 'simpleRnn', units: 4, returnSequences: true, bidirectional: false },
      { type: 'lstm', units: 5, returnSequences: true, bidirectional: true },
      { type: 'gru', units: 3, returnSequences: false, bidirectional: false },
      { type: 'layerNorm' },
      { type: 'dense', units: 1, activation: 'linear' },
    ],
  },
  transformer: {
    inputShape: [9],
    layers: [
      { type: 'embedding', inputDim: 30, outputDim: 8 },
      { type: 'attention', heads: 2, keyDim: 4, feedForward: 16, dropout: 0.1, positional: true },
      { type: 'globalAvgPool1d' },
      { type: 'reshape', targetShape: [2, 4] },
      { type: 'flatten' },
      { type: 'dense', units: 4, activation: 'softmax' },
    ],
  },
};

describe('buildNetwork', () => {
  it.each(Object.entries(SPECS))(
    'builds %s with the shapes and parameter counts the analysis reported',
    (_name, spec) => {
      const analysis = analyzeNetwork(spec);
      const built = buildNetwork(spec, 1);
      expect(analysis.ok && built.ok).toBe(true);
      if (!analysis.ok || !built.ok) return;
      const { model } = built;
      expect(model.countParams()).toBe(analysis.trainable + analysis.nonTrainable);
      const trainable = model.trainableWeights.reduce(
        (sum, w) => sum + w.shape.reduce<number>((a, b) => a * (b ?? 1), 1),
        0,
      );
      expect(trainable).toBe(analysis.trainable);
      expect(model.outputs[0]?.shape.slice(1)).toEqual(analysis.outputShape);
      const before = tf.memory().numTensors;
      const input =
        spec.layers[0]?.type === 'embedding'
          ? tf.zeros([2, ...spec.inputShape], 'int32')
          : tf.randomNormal([2, ...spec.inputShape]);
      const output = model.predict(input) as tf.Tensor;
      expect(output.shape).toEqual([2, ...analysis.outputShape]);
      tf.dispose([input, output]);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
    },
  );

  it('gives the same initial weights for the same seed and different ones for another', () => {
    const weightsOf = (seed: number) => {
      const built = buildNetwork(SPECS.transformer!, seed);
      if (!built.ok) throw new Error('build failed');
      const values = built.model.getWeights().map((w) => Array.from(w.dataSync()));
      built.model.dispose();
      return values.flat();
    };
    expect(weightsOf(3)).toEqual(weightsOf(3));
    expect(weightsOf(3)).not.toEqual(weightsOf(4));
  });

  it('returns the analysis problem instead of throwing for an impossible stack', () => {
    const built = buildNetwork(
      {
        inputShape: [4],
        layers: [
          {
            type: 'conv2d',
            filters: 2,
            kernelSize: 3,
            strides: 1,
            padding: 'same',
            activation: 'relu',
          },
        ],
      },
      0,
    );
    expect(built).toEqual({
      ok: false,
      problem: { layer: 0, code: 'needsImage', params: { rank: 1 } },
    });
  });

  it('saves and loads a model holding the attention block with identical predictions', async () => {
    const built = buildNetwork(SPECS.transformer!, 7);
    if (!built.ok) throw new Error('build failed');
    let artifacts: tf.io.ModelArtifacts | undefined;
    await built.model.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    if (!artifacts) throw new Error('nothing saved');
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts));
    const input = tf.tensor2d(
      [
        [1, 2, 3, 4, 5, 6, 7, 8, 9],
        [9, 8, 7, 6, 5, 4, 3, 2, 1],
      ],
      undefined,
      'int32',
    );
    const expected = built.model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([input, expected, actual]);
    built.model.dispose();
    loaded.dispose();
  });
});
