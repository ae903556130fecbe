import { describe, expect, it } from 'vitest';
import type { LayerSpec, NetworkSpec } from '../../../../src/contracts/network';
import { analyzeNetwork } from '../../../../src/core/network/analyze';
import { defaultLayer, LAYER_TYPES, withOutputHead } from '../../../../src/core/network/layers';

const dense = (units: number): LayerSpec => ({ type: 'dense', units, activation: 'relu' });
const conv = (filters: number, kernelSize = 3): LayerSpec => ({
  type: 'conv2d',
  filters,
  kernelSize,
  strides: 1,
  padding: 'valid',
  activation: 'relu',
});

describe('analyzeNetwork', () => {
  it('counts an MLP like Keras: 784-128-64-10 has 109,386 parameters', () => {
    const result = analyzeNetwork({
      inputShape: [784],
      layers: [dense(128), dense(64), dense(10)],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.trainable).toBe(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10);
    expect(result.trainable).toBe(109_386);
    expect(result.outputShape).toEqual([10]);
  });

  it('infers CNN shapes through valid and same padding, pooling and flatten', () => {
    const spec: NetworkSpec = {
      inputShape: [28, 28, 1],
      layers: [
        conv(8),
        { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
        { ...conv(16), padding: 'same' } as LayerSpec,
        { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'same' },
        { type: 'flatten' },
        dense(10),
      ],
    };
    const result = analyzeNetwork(spec);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layers.map((l) => l.outputShape)).toEqual([
      [26, 26, 8],
      [13, 13, 8],
      [13, 13, 16],
      [7, 7, 16],
      [784],
      [10],
    ]);
    expect(result.layers[0]?.trainable).toBe(3 * 3 * 1 * 8 + 8);
    expect(result.layers[2]?.trainable).toBe(3 * 3 * 8 * 16 + 16);
  });

  it('counts recurrent layers, bidirectional doubling, and batch-norm statistics apart', () => {
    const result = analyzeNetwork({
      inputShape: [12, 3],
      layers: [
        { type: 'lstm', units: 5, returnSequences: true, bidirectional: true },
        { type: 'gru', units: 4, returnSequences: false, bidirectional: false },
        { type: 'batchNorm' },
        dense(1),
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layers[0]?.outputShape).toEqual([12, 10]);
    expect(result.layers[0]?.trainable).toBe(2 * 4 * 5 * (3 + 5 + 1));
    expect(result.layers[1]?.trainable).toBe(3 * 4 * (10 + 4 + 1));
    expect(result.layers[2]).toMatchObject({ trainable: 8, nonTrainable: 8 });
    expect(result.nonTrainable).toBe(8);
  });

  it('counts a Transformer encoder block after an embedding', () => {
    const result = analyzeNetwork({
      inputShape: [16],
      layers: [
        { type: 'embedding', inputDim: 50, outputDim: 8 },
        { type: 'attention', heads: 2, keyDim: 4, feedForward: 32, dropout: 0.1, positional: true },
        { type: 'globalAvgPool1d' },
        dense(3),
      ],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.layers[0]?.outputShape).toEqual([16, 8]);
    const attention = 3 * (8 * 8 + 8) + (8 * 8 + 8) + 4 * 8 + (8 * 32 + 32 + 32 * 8 + 8);
    expect(result.layers[1]?.trainable).toBe(attention);
    expect(result.outputShape).toEqual([3]);
  });

  it.each<[string, NetworkSpec, { layer: number; code: string }]>([
    [
      'Conv2D on tabular rows',
      { inputShape: [4], layers: [conv(8)] },
      { layer: 0, code: 'needsImage' },
    ],
    [
      'an LSTM on images',
      {
        inputShape: [8, 8, 1],
        layers: [{ type: 'lstm', units: 4, returnSequences: false, bidirectional: false }],
      },
      { layer: 0, code: 'needsSequence' },
    ],
    [
      'a kernel larger than the image',
      { inputShape: [4, 4, 1], layers: [conv(2, 5)] },
      { layer: 0, code: 'shrinksToNothing' },
    ],
    [
      'a reshape that changes the value count',
      { inputShape: [10], layers: [{ type: 'reshape', targetShape: [3, 3] }] },
      { layer: 0, code: 'reshapeMismatch' },
    ],
    [
      'an embedding after another layer',
      { inputShape: [5], layers: [dense(4), { type: 'embedding', inputDim: 9, outputDim: 2 }] },
      { layer: 1, code: 'needsIntegers' },
    ],
    ['zero units', { inputShape: [4], layers: [dense(0)] }, { layer: 0, code: 'badValue' }],
    [
      'a dropout rate of 1',
      { inputShape: [4], layers: [{ type: 'dropout', rate: 1 }] },
      { layer: 0, code: 'badValue' },
    ],
    ['no layers', { inputShape: [4], layers: [] }, { layer: -1, code: 'empty' }],
    [
      'a fractional input',
      { inputShape: [2.5], layers: [dense(1)] },
      { layer: -1, code: 'badInputShape' },
    ],
  ])('rejects %s with a problem naming the layer', (_name, spec, expected) => {
    const result = analyzeNetwork(spec);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject(expected);
  });

  it('keeps the summaries of the layers before a problem', () => {
    const result = analyzeNetwork({ inputShape: [4], layers: [dense(3), conv(2)] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.layers).toHaveLength(1);
    expect(result.layers[0]?.outputShape).toEqual([3]);
  });
});

describe('layer defaults and the output head', () => {
  it('gives every layer type a default that is valid on a suitable input', () => {
    const inputs: Record<string, number[]> = {
      conv2d: [8, 8, 1],
      maxPool2d: [8, 8, 1],
      avgPool2d: [8, 8, 1],
      globalAvgPool2d: [8, 8, 1],
      simpleRnn: [5, 3],
      lstm: [5, 3],
      gru: [5, 3],
      attention: [5, 4],
      globalAvgPool1d: [5, 3],
      embedding: [5],
      reshape: [1],
    };
    for (const type of LAYER_TYPES) {
      const result = analyzeNetwork({
        inputShape: inputs[type] ?? [6],
        layers: [defaultLayer(type)],
      });
      expect(result.ok, type).toBe(true);
    }
  });

  it('appends a softmax over the classes, flattening a rank-3 output first', () => {
    const spec = { inputShape: [4, 4, 1], layers: [defaultLayer('conv2d')] };
    const head = withOutputHead(spec, 'classification', 3, 3);
    expect(head.layers.slice(1)).toEqual([
      { type: 'flatten' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ]);
    expect(withOutputHead({ inputShape: [2], layers: [] }, 'regression', 1, 1).layers).toEqual([
      { type: 'dense', units: 1, activation: 'linear' },
    ]);
  });
});
