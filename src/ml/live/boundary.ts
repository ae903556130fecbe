/**
 * The decision-boundary view of a classifier on two input features, whatever computes it (the
 * tiny engine or a TF.js model): class probabilities over a grid spanning the data, a sample
 * of the training and test points, and how many of all of them land in their own class.
 * Coordinates are the model's inputs, after the recipe.
 */
import type { BoundaryPoints, DecisionBoundaryView } from '../../contracts/live-views';
import type { TrainingData } from '../train-loop';

export const BOUNDARY_STEPS = 48;
/** Points drawn per split; the counts in the view still cover every row. */
export const BOUNDARY_MAX_POINTS = 500;
/** Space left around the data, as a share of its range, so edge points are not on the border. */
const PADDING = 0.08;

/** n × 2 rows → n × classes probabilities (may be asynchronous: TF.js reads back). */
export type PredictRows = (rows: Float32Array, n: number) => Float32Array | Promise<Float32Array>;

export function hasBoundaryView(data: TrainingData): boolean {
  return data.task === 'classification' && data.width === 2 && data.classNames.length >= 2;
}

export type Bounds = DecisionBoundaryView['bounds'];

export function boundsOf(data: TrainingData): Bounds {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const x of [data.xTrain, data.xVal, data.xTest]) {
    for (let i = 0; i + 1 < x.length; i += 2) {
      const px = x[i]!;
      const py = x[i + 1]!;
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      xMin = Math.min(xMin, px);
      xMax = Math.max(xMax, px);
      yMin = Math.min(yMin, py);
      yMax = Math.max(yMax, py);
    }
  }
  if (!(xMin <= xMax)) [xMin, xMax] = [-1, 1];
  if (!(yMin <= yMax)) [yMin, yMax] = [-1, 1];
  const padX = (xMax - xMin) * PADDING || 1;
  const padY = (yMax - yMin) * PADDING || 1;
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}

/** Cell centres, row-major from the top-left: x grows to the right, y upwards. */
export function gridPoints(bounds: Bounds, steps: number): Float32Array {
  const points = new Float32Array(steps * steps * 2);
  for (let r = 0; r < steps; r++) {
    for (let c = 0; c < steps; c++) {
      const at = (r * steps + c) * 2;
      points[at] = bounds.xMin + ((bounds.xMax - bounds.xMin) * (c + 0.5)) / steps;
      points[at + 1] = bounds.yMax - ((bounds.yMax - bounds.yMin) * (r + 0.5)) / steps;
    }
  }
  return points;
}

/** Every k-th row so at most `max` remain, spread over the whole split. */
export function samplePoints(x: Float32Array, y: Float32Array, max: number): BoundaryPoints {
  const n = y.length;
  const stride = Math.max(1, Math.ceil(n / max));
  const count = Math.ceil(n / stride);
  const xy = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  for (let i = 0, j = 0; i < n; i += stride, j++) {
    xy[j * 2] = x[i * 2]!;
    xy[j * 2 + 1] = x[i * 2 + 1]!;
    labels[j] = y[i]!;
  }
  return { xy, labels };
}

export function countCorrect(labels: Float32Array, probabilities: Float32Array, k: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) {
      if (probabilities[i * k + c]! > probabilities[i * k + best]!) best = c;
    }
    if (best === labels[i]) correct++;
  }
  return correct;
}

/** Static parts of the view (bounds, grid, sampled points), computed once per run. */
export interface BoundaryFrame {
  bounds: Bounds;
  grid: Float32Array;
  train: BoundaryPoints;
  test: BoundaryPoints;
}

export function boundaryFrame(data: TrainingData, steps = BOUNDARY_STEPS): BoundaryFrame {
  const bounds = boundsOf(data);
  return {
    bounds,
    grid: gridPoints(bounds, steps),
    train: samplePoints(data.xTrain, data.yTrain, BOUNDARY_MAX_POINTS),
    test: samplePoints(data.xTest, data.yTest, BOUNDARY_MAX_POINTS),
  };
}

export async function boundaryView(
  data: TrainingData,
  frame: BoundaryFrame,
  predict: PredictRows,
  steps = BOUNDARY_STEPS,
): Promise<DecisionBoundaryView> {
  const k = data.classNames.length;
  const probabilities = await predict(frame.grid, steps * steps);
  const trainOut = await predict(data.xTrain, data.yTrain.length);
  const testOut = await predict(data.xTest, data.yTest.length);
  return {
    steps,
    classes: k,
    bounds: { ...frame.bounds },
    probabilities,
    // Fresh copies: the event is posted, and a transfer would empty the cached ones.
    train: { xy: frame.train.xy.slice(), labels: frame.train.labels.slice() },
    test: { xy: frame.test.xy.slice(), labels: frame.test.labels.slice() },
    trainCorrect: countCorrect(data.yTrain, trainOut, k),
    trainTotal: data.yTrain.length,
    testCorrect: countCorrect(data.yTest, testOut, k),
    testTotal: data.yTest.length,
  };
}
