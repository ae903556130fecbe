/**
 * Network presets that train well out of the box on the shipped data, and which of them fit a
 * dataset: the Model screen proposes the fitting ones, best first. Each preset is a stack (the
 * output head is added by the trainer, from the task) and its training settings.
 * tests/unit/ml/network/presets.test.ts trains each on the CPU backend against a baseline.
 */
import type { NetworkSpec } from './spec';
import { defaultOptimizer, type NetworkTraining } from './training-spec';

export interface DatasetShape {
  task: 'classification' | 'regression';
  /** Input width after the recipe. */
  width: number;
  /** Height × width × channels, for image datasets whose rows are pixels. */
  image?: readonly [number, number, number];
}

export type PresetId =
  'logistic' | 'linear' | 'mlp' | 'cnn' | 'forecaster' | 'charLstm' | 'charTransformer';

export interface NetworkPreset {
  id: PresetId;
  spec: NetworkSpec;
  training: NetworkTraining;
}

const baseTraining = (task: DatasetShape['task']): NetworkTraining => ({
  loss: task === 'classification' ? 'sparseCategoricalCrossentropy' : 'mse',
  huberDelta: 1,
  optimizer: defaultOptimizer('adam'),
  learningRate: 0.01,
  schedule: { kind: 'constant' },
  regularization: { l1: 0, l2: 0 },
  earlyStopping: { enabled: true, monitor: 'valLoss', patience: 10, restoreBest: true },
  clipNorm: 0,
  batchSize: 32,
  epochs: 60,
  seed: 42,
});

function linearModel(shape: DatasetShape): NetworkPreset {
  return {
    id: shape.task === 'classification' ? 'logistic' : 'linear',
    spec: { inputShape: [shape.width], layers: [] },
    training: {
      ...baseTraining(shape.task),
      learningRate: 0.05,
      // A light ridge penalty, as scikit-learn's LogisticRegression applies by default.
      regularization: { l1: 0, l2: 1e-4 },
      epochs: 100,
    },
  };
}

function mlp(shape: DatasetShape): NetworkPreset {
  return {
    id: 'mlp',
    spec: {
      inputShape: [shape.width],
      layers: [
        { type: 'dense', units: 64, activation: 'relu' },
        { type: 'dropout', rate: 0.1 },
        { type: 'dense', units: 32, activation: 'relu' },
      ],
    },
    training: baseTraining(shape.task),
  };
}

/** Two conv blocks; a third pooling step only when the image is large enough to afford it. */
function cnn(shape: DatasetShape, image: readonly [number, number, number]): NetworkPreset {
  const [height, width] = image;
  const small = Math.min(height, width) < 16;
  return {
    id: 'cnn',
    spec: {
      inputShape: [...image],
      layers: [
        {
          type: 'conv2d',
          filters: 16,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
        { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
        {
          type: 'conv2d',
          filters: 32,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
        ...(small
          ? []
          : [{ type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' } as const]),
        { type: 'flatten' },
        { type: 'dense', units: 64, activation: 'relu' },
        { type: 'dropout', rate: 0.25 },
      ],
    },
    training: { ...baseTraining(shape.task), learningRate: 0.002, epochs: 25, batchSize: 32 },
  };
}

/** The presets that fit the dataset, best first. */
export function proposePresets(shape: DatasetShape): NetworkPreset[] {
  const image = shape.image;
  const isImage = image !== undefined && image[0] * image[1] * image[2] === shape.width;
  const proposals = [mlp(shape), linearModel(shape)];
  return isImage ? [cnn(shape, image), ...proposals] : proposals;
}

/** An LSTM forecaster over windows of `lookback` steps × `features`. */
export function forecasterPreset(lookback: number, features: number): NetworkPreset {
  return {
    id: 'forecaster',
    spec: {
      inputShape: [lookback, features],
      layers: [{ type: 'lstm', units: 32, returnSequences: false, bidirectional: false }],
    },
    training: {
      ...baseTraining('regression'),
      learningRate: 0.01,
      epochs: 80,
      batchSize: 16,
      clipNorm: 1,
    },
  };
}

/** A character model: embedding → LSTM → softmax over the vocabulary (added by the trainer). */
export function characterModelPreset(
  vocabularySize: number,
  length: number,
  kind: 'lstm' | 'transformer' = 'lstm',
): NetworkPreset {
  const body: NetworkSpec['layers'] =
    kind === 'lstm'
      ? [{ type: 'lstm', units: 128, returnSequences: false, bidirectional: false }]
      : [
          {
            type: 'attention',
            heads: 4,
            keyDim: 16,
            feedForward: 128,
            dropout: 0.1,
            positional: true,
          },
          { type: 'globalAvgPool1d' },
        ];
  return {
    id: kind === 'lstm' ? 'charLstm' : 'charTransformer',
    spec: {
      inputShape: [length],
      layers: [{ type: 'embedding', inputDim: vocabularySize, outputDim: 32 }, ...body],
    },
    training: {
      ...baseTraining('classification'),
      learningRate: 0.005,
      epochs: 20,
      batchSize: 64,
      clipNorm: 5,
      earlyStopping: { enabled: false, monitor: 'valLoss', patience: 5, restoreBest: false },
    },
  };
}
