import { describe, expect, it } from 'vitest';
import { validateMlpSettings, type MlpSettings } from '../../../src/core/mlp-config';

const VALID: MlpSettings = {
  hiddenLayers: [16, 8],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 16,
  epochs: 50,
  seed: 42,
};

describe('validateMlpSettings', () => {
  it('accepts sensible settings, including no hidden layer', () => {
    expect(validateMlpSettings(VALID)).toEqual([]);
    expect(validateMlpSettings({ ...VALID, hiddenLayers: [] })).toEqual([]);
  });

  it('names the field, the layer and the range of each problem', () => {
    const problems = validateMlpSettings({
      ...VALID,
      hiddenLayers: [16, 0, 2.5],
      learningRate: 0,
      batchSize: Number.NaN,
      epochs: 1001,
      seed: -1,
      activation: 'swish',
      optimizer: 'lbfgs',
    });
    expect(problems).toEqual([
      { field: 'hiddenLayers', index: 1, key: 'range', params: { min: 1, max: 1024 } },
      { field: 'hiddenLayers', index: 2, key: 'integer', params: { min: 1, max: 1024 } },
      { field: 'learningRate', key: 'range', params: { min: 1e-6, max: 10 } },
      { field: 'batchSize', key: 'range', params: { min: 1, max: 4096 } },
      { field: 'epochs', key: 'range', params: { min: 1, max: 1000 } },
      { field: 'seed', key: 'range', params: { min: 0, max: 2 ** 31 - 1 } },
      { field: 'activation', key: 'unknownOption', params: {} },
      { field: 'optimizer', key: 'unknownOption', params: {} },
    ]);
  });

  it('limits the number of layers', () => {
    const problems = validateMlpSettings({ ...VALID, hiddenLayers: Array(9).fill(4) });
    expect(problems).toEqual([{ field: 'hiddenLayers', key: 'tooManyLayers', params: { max: 8 } }]);
  });
});
