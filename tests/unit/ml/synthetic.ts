/**
 * Small seeded datasets shaped like `prepareWithRecipe`'s output, so ml/ tests stay independent of
 * CSV parsing and run in milliseconds on the tfjs CPU backend.
 */
import type { MlpConfig } from '../../../src/contracts/training';
import { createRng, normalSample } from '../../../src/core/rng';
import type { TrainingData } from '../../../src/ml/train-loop';

/** Gaussian blobs, one per class, centred far apart on a circle: linearly separable. */
function blobs(
  n: number,
  classes: number,
  rng: () => number,
): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    const angle = (2 * Math.PI * c) / classes;
    x[i * 2] = 3 * Math.cos(angle) + 0.5 * normalSample(rng);
    x[i * 2 + 1] = 3 * Math.sin(angle) + 0.5 * normalSample(rng);
    y[i] = c;
  }
  return { x, y };
}

export function classificationData(classes = 2, seed = 7): TrainingData {
  const rng = createRng(seed);
  const train = blobs(64, classes, rng);
  const val = blobs(24, classes, rng);
  const test = blobs(24, classes, rng);
  return {
    task: 'classification',
    width: 2,
    classNames: Array.from({ length: classes }, (_, c) => `class ${c}`),
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
}

/** y = 2·x0 − x1 + noise, already standardised (mean 0, std 1 before noise) like the real thing. */
export function regressionData(seed = 11): TrainingData {
  const rng = createRng(seed);
  const make = (n: number): { x: Float32Array; y: Float32Array } => {
    const x = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const a = normalSample(rng);
      const b = normalSample(rng);
      x[i * 2] = a;
      x[i * 2 + 1] = b;
      y[i] = (2 * a - b) / Math.sqrt(5) + 0.1 * normalSample(rng);
    }
    return { x, y };
  };
  const train = make(64);
  const val = make(24);
  const test = make(24);
  return {
    task: 'regression',
    width: 2,
    classNames: [],
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: { mean: 100, std: 10 },
  };
}

export function mlpConfig(overrides: Partial<MlpConfig> = {}): MlpConfig {
  return {
    hiddenLayers: [8],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.05,
    batchSize: 16,
    epochs: 5,
    seed: 42,
    ...overrides,
  };
}

/** A clock that advances a full throttle interval per read, so every batch event is emitted. */
export function steppingClock(stepMs = 1000): () => number {
  let t = 0;
  return () => (t += stepMs);
}
