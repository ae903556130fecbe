/**
 * Layer-builder helpers: the layer types in menu order, a sensible new layer of each type, and
 * the output head the trainer appends (a softmax over the classes or linear units), so the
 * builder can show the whole network that will train.
 */
import type { LayerSpec, LayerType, NetworkSpec } from './spec';

export const LAYER_TYPES: readonly LayerType[] = [
  'dense',
  'dropout',
  'batchNorm',
  'layerNorm',
  'conv2d',
  'maxPool2d',
  'avgPool2d',
  'globalAvgPool2d',
  'flatten',
  'reshape',
  'embedding',
  'simpleRnn',
  'lstm',
  'gru',
  'attention',
  'globalAvgPool1d',
];

export function defaultLayer(type: LayerType): LayerSpec {
  switch (type) {
    case 'dense':
      return { type, units: 32, activation: 'relu' };
    case 'conv2d':
      return { type, filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' };
    case 'maxPool2d':
    case 'avgPool2d':
      return { type, poolSize: 2, strides: 2, padding: 'valid' };
    case 'globalAvgPool2d':
    case 'globalAvgPool1d':
    case 'flatten':
    case 'batchNorm':
    case 'layerNorm':
      return { type };
    case 'reshape':
      return { type, targetShape: [1] };
    case 'dropout':
      return { type, rate: 0.2 };
    case 'embedding':
      return { type, inputDim: 100, outputDim: 16 };
    case 'simpleRnn':
    case 'lstm':
    case 'gru':
      return { type, units: 32, returnSequences: false, bidirectional: false };
    case 'attention':
      return { type, heads: 2, keyDim: 16, feedForward: 64, dropout: 0.1, positional: true };
  }
}

/** The stack plus the head the trainer adds: Flatten when needed, then the output layer. */
export function withOutputHead(
  spec: NetworkSpec,
  task: 'classification' | 'regression',
  units: number,
  outputRank: number,
): NetworkSpec {
  const head: LayerSpec[] = outputRank > 1 ? [{ type: 'flatten' }] : [];
  head.push({ type: 'dense', units, activation: task === 'classification' ? 'softmax' : 'linear' });
  return { inputShape: spec.inputShape, layers: [...spec.layers, ...head] };
}
