/**
 * Data for the fast engine's tests: wider than the tiny engine's synthetic sets (20 inputs),
 * so the products are real matrices and a batch is ragged at the end of each epoch.
 */
import { createRng, normalSample } from '../../../../src/core/rng';
import type { TrainingData } from '../../../../src/ml/train-loop';

export const WIDTH = 20;

function rows(
  n: number,
  classes: number,
  rng: () => number,
  regression: boolean,
): { x: Float32Array; y: Float32Array } {
  const x = new Float32Array(n * WIDTH);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % classes;
    let signal = 0;
    for (let j = 0; j < WIDTH; j++) {
      const v = (j % classes === c ? 1.2 : 0) + normalSample(rng);
      x[i * WIDTH + j] = v;
      signal += (j % 3) - 1 === 0 ? v : 0.3 * v;
    }
    y[i] = regression ? signal / Math.sqrt(WIDTH) + 0.1 * normalSample(rng) : c;
  }
  return { x, y };
}

export function wideData(
  task: 'classification' | 'regression',
  classes = 3,
  seed = 5,
): TrainingData {
  const rng = createRng(seed);
  const regression = task === 'regression';
  const train = rows(150, classes, rng, regression);
  const val = rows(40, classes, rng, regression);
  const test = rows(40, classes, rng, regression);
  return {
    task,
    width: WIDTH,
    classNames: regression ? [] : Array.from({ length: classes }, (_, c) => `class ${c}`),
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: regression ? { mean: 3, std: 2 } : null,
  };
}
