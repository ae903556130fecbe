import { describe, expect, it } from 'vitest';
import { proposePresets } from '../../../../src/core/network/presets';
import type { LayerSpec } from '../../../../src/core/network/spec';
import {
  defaultFrozen,
  fitsData,
  hasWeights,
  headPlan,
  isSameLabelSet,
  toggleFrozen,
} from '../../../../src/core/network/transfer';

const mnistCnn = proposePresets({ task: 'classification', width: 784, image: [28, 28, 1] })[0]!;

describe('transfer choices', () => {
  it('freezes the convolutions of the CNN preset and leaves its dense layer to adapt', () => {
    // conv, pool, conv, pool, flatten, dense, dropout
    expect(mnistCnn.spec.layers.map((l) => l.type)).toEqual([
      'conv2d',
      'maxPool2d',
      'conv2d',
      'maxPool2d',
      'flatten',
      'dense',
      'dropout',
    ]);
    expect(defaultFrozen(mnistCnn.spec.layers)).toEqual([0, 2]);
  });

  it('keeps the last hidden layer of a dense stack trainable', () => {
    const layers: LayerSpec[] = [
      { type: 'dense', units: 64, activation: 'relu' },
      { type: 'dropout', rate: 0.1 },
      { type: 'dense', units: 32, activation: 'relu' },
    ];
    expect(defaultFrozen(layers)).toEqual([0]);
    expect(defaultFrozen([])).toEqual([]);
  });

  it('freezes normalization between feature extractors too', () => {
    const layers: LayerSpec[] = [
      {
        type: 'conv2d',
        filters: 8,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        activation: 'relu',
      },
      { type: 'batchNorm' },
      {
        type: 'conv2d',
        filters: 8,
        kernelSize: 3,
        strides: 1,
        padding: 'same',
        activation: 'relu',
      },
      { type: 'batchNorm' },
      { type: 'flatten' },
      { type: 'dense', units: 16, activation: 'relu' },
    ];
    expect(defaultFrozen(layers)).toEqual([0, 1, 2]);
  });

  it('toggles weighted layers only, sorted and once each', () => {
    const layers = mnistCnn.spec.layers;
    expect(toggleFrozen([0, 2], layers, 5, true)).toEqual([0, 2, 5]);
    expect(toggleFrozen([0, 2, 5], layers, 2, false)).toEqual([0, 5]);
    expect(toggleFrozen([0], layers, 0, true)).toEqual([0]);
    expect(toggleFrozen([0], layers, 1, true)).toEqual([0]);
    expect(toggleFrozen([0], layers, 99, true)).toEqual([0]);
    expect(hasWeights({ type: 'flatten' })).toBe(false);
  });

  it('matches inputs by shape and labels by name and order', () => {
    const mnist = { task: 'classification', width: 784, image: [28, 28, 1] } as const;
    expect(fitsData(mnistCnn.spec.inputShape, mnist)).toBe(true);
    expect(fitsData([784], mnist)).toBe(true);
    expect(fitsData(mnistCnn.spec.inputShape, { ...mnist, image: [784, 1, 1] })).toBe(false);
    expect(fitsData([28, 28, 1], { task: 'classification', width: 784 })).toBe(false);
    expect(fitsData([8, 8, 1], { task: 'classification', width: 64, image: [8, 8, 1] })).toBe(true);
    expect(fitsData(mnistCnn.spec.inputShape, { ...mnist, width: 64 })).toBe(false);
    expect(isSameLabelSet(['0', '1'], ['0', '1'])).toBe(true);
    expect(isSameLabelSet(['1', '0'], ['0', '1'])).toBe(false);
    expect(isSameLabelSet(null, ['0'])).toBe(false);
  });

  it('plans a new head when the label set changes, even at the same size', () => {
    const digits = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const fashion = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat'];
    expect(headPlan(digits, digits)).toEqual({ replace: false, from: 10, to: 10 });
    expect(headPlan(digits, fashion)).toEqual({ replace: true, from: 10, to: 5 });
    expect(headPlan(digits, [...fashion, ...fashion])).toEqual({ replace: true, from: 10, to: 10 });
    expect(headPlan(null, fashion)).toEqual({ replace: true, from: null, to: 5 });
  });
});
