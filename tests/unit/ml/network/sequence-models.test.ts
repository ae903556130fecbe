import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { characterModelPreset, forecasterPreset } from '../../../../src/core/network/presets';
import { createRng } from '../../../../src/core/rng';
import {
  buildVocabulary,
  charWindows,
  encode,
  generateText,
} from '../../../../src/core/sequence/characters';
import { forecastWindows } from '../../../../src/core/sequence/windows';
import { RunControl } from '../../../../src/ml/network/run-control';
import { trainNetwork } from '../../../../src/ml/network/train-network';
import type { TrainingData } from '../../../../src/ml/train-loop';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('sequence models through the general loop', () => {
  it('an LSTM forecaster beats the mean predictor on a seasonal series with a trend', async () => {
    const n = 150;
    const values = Float64Array.from(
      { length: n },
      (_, t) => 10 + 0.05 * t + 3 * Math.sin((2 * Math.PI * t) / 12),
    );
    const windows = forecastWindows([values], 0, {
      lookback: 12,
      horizon: 1,
      ratios: { train: 0.6, validation: 0.2, test: 0.2 },
    });
    if (!windows.ok) throw new Error('windows failed');
    const { train, validation, test, lookback } = windows.data;
    const data: TrainingData = {
      task: 'regression',
      width: lookback,
      classNames: [],
      xTrain: train.x,
      yTrain: train.y,
      xVal: validation.x,
      yVal: validation.y,
      xTest: test.x,
      yTest: test.y,
      targetScale: null,
    };
    const preset = forecasterPreset(lookback, 1);
    const result = await trainNetwork({
      jobId: 1,
      data,
      spec: preset.spec,
      training: { ...preset.training, epochs: 40 },
      emit: () => undefined,
      control: new RunControl(),
      liveEvaluation: false,
    });
    if (result.status === 'failed') throw new Error(result.code);
    expect(result.test.kind).toBe('regression');
    // The mean predictor scores R² = 0; the trend moves the test mean, so demand a clear margin.
    if (result.test.kind === 'regression') expect(result.test.r2).toBeGreaterThan(0.5);
  }, 60_000);

  it('a character LSTM learns a repeating text and continues it', async () => {
    const corpus = 'the cat sat. '.repeat(40);
    const vocabulary = buildVocabulary(corpus);
    const length = 6;
    const ids = encode(corpus, vocabulary);
    const windows = charWindows(ids, length);
    const cut = (from: number, to: number) => ({
      x: windows.x.slice(from * length, to * length),
      y: windows.y.slice(from, to),
    });
    const trainPart = cut(0, 300);
    const valPart = cut(300, 400);
    const testPart = cut(400, windows.rows);
    const data: TrainingData = {
      task: 'classification',
      width: length,
      classNames: vocabulary.chars,
      xTrain: trainPart.x,
      yTrain: trainPart.y,
      xVal: valPart.x,
      yVal: valPart.y,
      xTest: testPart.x,
      yTest: testPart.y,
      targetScale: null,
    };
    const preset = characterModelPreset(vocabulary.chars.length, length);
    // The preset's 128-unit LSTM is for real corpora; a small one keeps this test quick on CPU.
    const spec = {
      ...preset.spec,
      layers: [
        { type: 'embedding', inputDim: vocabulary.chars.length, outputDim: 8 },
        { type: 'lstm', units: 24, returnSequences: false, bidirectional: false },
      ] as const satisfies typeof preset.spec.layers,
    };
    const samples: string[] = [];
    const result = await trainNetwork({
      jobId: 2,
      data,
      spec: { ...spec, layers: [...spec.layers] },
      training: { ...preset.training, epochs: 12, learningRate: 0.02 },
      emit: () => undefined,
      control: new RunControl(),
      liveEvaluation: false,
      onEpochEnd: async (model) => {
        const predictNext = async (window: Int32Array) => {
          const output = tf.tidy(
            () => model.predict(tf.tensor2d(window, [1, length], 'int32')) as tf.Tensor,
          );
          const probs = await output.data();
          output.dispose();
          return probs;
        };
        samples.push(
          await generateText(predictNext, 'the ca', vocabulary, {
            length,
            count: 12,
            temperature: 0,
            rng: createRng(1),
          }),
        );
      },
    });
    if (result.status === 'failed') throw new Error(result.code);
    if (result.test.kind === 'classification') expect(result.test.accuracy).toBeGreaterThan(0.9);
    expect(samples).toHaveLength(12);
    expect(samples[samples.length - 1]).toBe('t sat. the c');
  }, 60_000);
});
