/**
 * The decision-boundary view of a model on two input features, whatever computes it (the tiny
 * engine or a TF.js model): over a grid spanning the data, class probabilities (and how many of
 * all points land in their own class) or, for regression, the predicted value (and R²), with a
 * sample of the training and test points. Coordinates are the model's inputs, after the
 * recipe; regression values are in the target's own units.
 */
import type { BoundaryPoints, DecisionBoundaryView } from '../../contracts/live-views';
import { r2 } from '../../core/metrics';
import type { TrainingData } from '../train-loop';

export const BOUNDARY_STEPS = 48;
/** Points drawn per split; the counts in the view still cover every row. */
export const BOUNDARY_MAX_POINTS = 500;
/** Space left around the data, as a share of its range, so edge points are not on the border. */
const PADDING = 0.08;

/** n × 2 rows → n × classes probabilities (may be asynchronous: TF.js reads back). */
export type PredictRows = (rows: Float32Array, n: number) => Float32Array | Promise<Float32Array>;

export function hasBoundaryView(data: TrainingData): boolean {
  if (data.width !== 2) return false;
  return data.task === 'regression' || data.classNames.length >= 2;
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

/** The target in its own units (regression targets are standardised for training). */
function unscale(values: Float32Array, scale: TrainingData['targetScale']): Float32Array {
  if (!scale) return values;
  return values.map((v) => v * scale.std + scale.mean);
}

/**
 * Every k-th row so at most `max` remain, spread over the whole split; regression points carry
 * their target (unscaled with `scale`) instead of a class.
 */
export function samplePoints(
  x: Float32Array,
  y: Float32Array,
  max: number,
  regression: { scale: TrainingData['targetScale'] } | null = null,
): BoundaryPoints {
  const n = y.length;
  const stride = Math.max(1, Math.ceil(n / max));
  const count = Math.ceil(n / stride);
  const xy = new Float32Array(count * 2);
  const labels = new Int32Array(count);
  const values = new Float32Array(count);
  for (let i = 0, j = 0; i < n; i += stride, j++) {
    xy[j * 2] = x[i * 2]!;
    xy[j * 2 + 1] = x[i * 2 + 1]!;
    if (regression) values[j] = y[i]!;
    else labels[j] = y[i]!;
  }
  return regression ? { xy, labels, values: unscale(values, regression.scale) } : { xy, labels };
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
  const regression = data.task === 'regression' ? { scale: data.targetScale } : null;
  return {
    bounds,
    grid: gridPoints(bounds, steps),
    train: samplePoints(data.xTrain, data.yTrain, BOUNDARY_MAX_POINTS, regression),
    test: samplePoints(data.xTest, data.yTest, BOUNDARY_MAX_POINTS, regression),
  };
}

const copyPoints = (p: BoundaryPoints): BoundaryPoints =>
  p.values
    ? { xy: p.xy.slice(), labels: p.labels.slice(), values: p.values.slice() }
    : { xy: p.xy.slice(), labels: p.labels.slice() };

/** The first output of each row (a regression head has one). */
function firstColumn(outputs: Float32Array, n: number): Float32Array {
  const width = n > 0 ? outputs.length / n : 1;
  return width === 1 ? outputs : Float32Array.from({ length: n }, (_, i) => outputs[i * width]!);
}

/** Colours span the targets and the predictions over the grid, whichever reach further. */
function rangeOf(...sets: Float32Array[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const set of sets) {
    for (const v of set) {
      if (!Number.isFinite(v)) continue;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
  }
  if (!(min < max)) return { min: (min || 0) - 1, max: (max || 0) + 1 };
  return { min, max };
}

async function regressionView(
  data: TrainingData,
  frame: BoundaryFrame,
  predict: PredictRows,
  steps: number,
): Promise<DecisionBoundaryView> {
  const n = steps * steps;
  const grid = unscale(firstColumn(await predict(frame.grid, n), n), data.targetScale);
  const nTrain = data.yTrain.length;
  const nTest = data.yTest.length;
  const trainOut = firstColumn(await predict(data.xTrain, nTrain), nTrain);
  const testOut = firstColumn(await predict(data.xTest, nTest), nTest);
  return {
    steps,
    classes: 1,
    bounds: { ...frame.bounds },
    probabilities: grid,
    train: copyPoints(frame.train),
    test: copyPoints(frame.test),
    trainCorrect: 0,
    trainTotal: nTrain,
    testCorrect: 0,
    testTotal: nTest,
    // R² is the same in scaled and unscaled units.
    regression: {
      trainR2: r2(data.yTrain, trainOut),
      testR2: r2(data.yTest, testOut),
      ...rangeOf(grid, frame.train.values ?? grid, frame.test.values ?? grid),
    },
  };
}

export async function boundaryView(
  data: TrainingData,
  frame: BoundaryFrame,
  predict: PredictRows,
  steps = BOUNDARY_STEPS,
): Promise<DecisionBoundaryView> {
  if (data.task === 'regression') return regressionView(data, frame, predict, steps);
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
    train: copyPoints(frame.train),
    test: copyPoints(frame.test),
    trainCorrect: countCorrect(data.yTrain, trainOut, k),
    trainTotal: data.yTrain.length,
    testCorrect: countCorrect(data.yTest, testOut, k),
    testTotal: data.yTest.length,
  };
}
