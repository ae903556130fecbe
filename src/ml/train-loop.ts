/**
 * The training loop: a hand-written mini-batch loop rather than `model.fit`, so that every batch
 * can yield to the worker's event loop (a stop lands within one batch), report its loss, and be
 * checked for divergence.
 *
 * Invariants:
 * - The data is uploaded once (the training rows once per epoch when a recipe draws fresh noise
 *   for each); a batch is a `tf.gather` of a seeded permutation, so the same data, config and
 *   seed give the same loss sequence on a given backend.
 * - Tensor count is flat from batch to batch and epoch to epoch, and back to where it started
 *   when the job returns: the model, its optimizer (whose slot variables `model.dispose()`
 *   leaves behind) and every uploaded tensor are disposed in `finally`.
 * - A stop request is honoured after the current batch; the model trained so far is still
 *   scored on the test set. A non-finite loss ends the job with `error.training.nanLoss`.
 * - Epochs and batches are numbered from 1; training loss and metric of an epoch are running
 *   values over its batches (as Keras reports them); validation ones use the end-of-epoch model.
 */
import * as tf from '@tensorflow/tfjs';
import type { ErrorCode, ErrorParams } from '../contracts/errors';
import type { Evaluation } from '../contracts/evaluation';
import type {
  EpochRecord,
  MlpConfig,
  TrainedModelArtifacts,
  TrainingEventHandler,
} from '../contracts/training';
import { r2 } from '../core/metrics';
import { createRng, permutation } from '../core/rng';
import { evaluateClassification, evaluateRegression, unscaleTarget } from './evaluate';
import { saveTrainedModel } from './export/trained-model';
import { buildMlp, countParameters, createOptimizer } from './mlp';
import { yieldToEventLoop } from './yield';
import { createNetworkLiveViews } from './live/network-live';
import type { LiveViewsRequest } from '../contracts/live-views';

/** Minimum gap between two `batch` events; epoch and final events are never throttled. */
export const PROGRESS_THROTTLE_MS = 100;
/** Rows per forward pass when scoring, bounding activation memory on large splits. */
const PREDICT_CHUNK_ROWS = 4096;
/** Keras's epsilon: keeps log() finite when a softmax output rounds to 0 or 1. */
const PROBABILITY_EPSILON = 1e-7;
/** Weight of the past in the smoothed batch loss (bias-corrected, so early values are fair). */
const SMOOTHING = 0.9;

/** What the loop needs of a prepared dataset (see prepare-dataset.ts for the meaning). */
export interface TrainingData {
  task: 'classification' | 'regression';
  width: number;
  classNames: string[];
  xTrain: Float32Array;
  yTrain: Float32Array;
  xVal: Float32Array;
  yVal: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  targetScale: { mean: number; std: number } | null;
  /**
   * Classification only: one loss weight per class in label order (a recipe's balanced class
   * weights), so rare classes count as much as common ones; absent or null = unweighted.
   */
  classWeights?: Float32Array | null;
  /**
   * Fresh training rows for an epoch (a recipe's train-stage noise drawn with another seed);
   * null, or rows of another count, keeps the current ones. Validation and test never change.
   */
  trainForEpoch?: (epoch: number) => { x: Float32Array; y: Float32Array } | null;
}

export interface TrainJob {
  jobId: number;
  /** Per-epoch validation evaluation (`eval` events); off only to measure what it costs. */
  liveEvaluation?: boolean;
  data: TrainingData;
  config: MlpConfig;
  emit: TrainingEventHandler;
  isStopRequested: () => boolean;
  /** Called once the model exists, before the first batch (the service emits `prepared`). */
  onModelBuilt?: (parameterCount: number) => void;
  /** Milliseconds; injectable so tests need not depend on the clock. */
  now?: () => number;
  /** Live views to send (throttled, src/ml/live); absent = none. */
  liveViews?: LiveViewsRequest;
}

export type TrainResult =
  | {
      status: 'completed' | 'stopped';
      epochsRun: number;
      history: EpochRecord[];
      test: Evaluation;
      /** The trained network's topology and weights (export, prediction, registry). */
      trainedModel?: TrainedModelArtifacts;
    }
  | { status: 'failed'; code: ErrorCode; params?: ErrorParams };

/** Mean cross-entropy; with `weights` each row's term is scaled by its class's weight (Keras). */
function categoricalCrossEntropy(
  oneHot: tf.Tensor,
  probs: tf.Tensor,
  weights: tf.Tensor | null,
): tf.Scalar {
  const clipped = tf.clipByValue(probs, PROBABILITY_EPSILON, 1 - PROBABILITY_EPSILON);
  const perRow = tf.neg(tf.sum(tf.mul(oneHot, tf.log(clipped)), 1));
  return tf.mean(weights ? tf.mul(perRow, weights) : perRow) as tf.Scalar;
}

/** Same formula as the training loss, on the CPU, for the validation predictions. */
function crossEntropyOf(labels: Float32Array, probs: Float32Array, k: number): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i * k + (labels[i] as number)] as number;
    total -= Math.log(Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON));
  }
  return total / labels.length;
}

function meanSquaredErrorOf(actual: Float32Array, predicted: Float32Array): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = (actual[i] as number) - (predicted[i] as number);
    total += e * e;
  }
  return total / actual.length;
}

function accuracyOf(labels: Float32Array, probs: Float32Array, k: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) {
      if ((probs[i * k + c] as number) > (probs[i * k + best] as number)) best = c;
    }
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}

function sumOfSquaresAroundMean(values: Float32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let total = 0;
  for (const v of values) total += (v - mean) * (v - mean);
  return total;
}

function isAllFinite(values: Float32Array): boolean {
  for (const v of values) if (!Number.isFinite(v)) return false;
  return true;
}

function diverged(epoch: number): TrainResult {
  return { status: 'failed', code: 'error.training.nanLoss', params: { epoch } };
}

/** Forward pass in chunks; returns the n×outputs matrix row-major. */
async function predictAll(model: tf.LayersModel, x: tf.Tensor2D): Promise<Float32Array> {
  const rows = x.shape[0];
  const parts: Float32Array[] = [];
  for (let start = 0; start < rows; start += PREDICT_CHUNK_ROWS) {
    const count = Math.min(PREDICT_CHUNK_ROWS, rows - start);
    const output = tf.tidy(
      () => model.apply(x.slice([start, 0], [count, -1]), { training: false }) as tf.Tensor,
    );
    try {
      parts.push((await output.data()) as Float32Array);
    } finally {
      output.dispose();
    }
  }
  if (parts.length === 1) return parts[0] as Float32Array;
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function evaluateOutputs(data: TrainingData, y: Float32Array, outputs: Float32Array): Evaluation {
  if (data.task === 'classification') return evaluateClassification(y, outputs, data.classNames);
  return evaluateRegression(
    unscaleTarget(y, data.targetScale),
    unscaleTarget(outputs, data.targetScale),
  );
}

export async function trainMlp(job: TrainJob): Promise<TrainResult> {
  const { data, config, jobId, emit } = job;
  const now = job.now ?? (() => performance.now());
  const isClassification = data.task === 'classification';
  const k = data.classNames.length;
  const { width } = data;
  const nTrain = data.yTrain.length;
  const nVal = data.yVal.length;
  const nTest = data.yTest.length;
  if (nTrain === 0 || nVal === 0 || nTest === 0 || (isClassification && k < 2)) {
    return { status: 'failed', code: 'error.config.invalid', params: { field: 'split' } };
  }

  const model = buildMlp(width, k, config, data.task);
  const optimizer = createOptimizer(config);
  const uploaded: tf.Tensor[] = [];
  const train: { x: tf.Tensor2D | null; y: tf.Tensor | null } = { x: null, y: null };
  const upload = <T extends tf.Tensor>(tensor: T): T => {
    uploaded.push(tensor);
    return tensor;
  };
  try {
    job.onModelBuilt?.(countParameters(model));
    const uploadTrain = (xs: Float32Array, ys: Float32Array): [tf.Tensor2D, tf.Tensor] => [
      tf.tensor2d(xs, [nTrain, width]),
      isClassification ? tf.tensor1d(Int32Array.from(ys), 'int32') : tf.tensor2d(ys, [nTrain, 1]),
    ];
    // Not in `uploaded`: per-epoch augmentation replaces them, and the finally below disposes
    // whichever pair is current.
    [train.x, train.y] = uploadTrain(data.xTrain, data.yTrain);
    const xVal = upload(tf.tensor2d(data.xVal, [nVal, width]));
    const classWeights =
      isClassification && data.classWeights ? upload(tf.tensor1d(data.classWeights)) : null;
    const trainSumOfSquares = isClassification ? 0 : sumOfSquaresAroundMean(data.yTrain);

    const batchSize = Math.max(1, Math.min(config.batchSize, nTrain));
    const batchesPerEpoch = Math.ceil(nTrain / batchSize);
    const totalSamples = nTrain * config.epochs;
    const rng = createRng(config.seed);
    const history: EpochRecord[] = [];
    // `minimize` keeps the gradients to itself: this loop sends no gradient histograms.
    const live = job.liveViews
      ? createNetworkLiveViews({
          jobId,
          request: { ...job.liveViews, conv: false },
          data,
          emit,
          now,
          firstEpoch: 1,
          epochs: config.epochs,
        })
      : null;
    const startedAt = now();
    let lastBatchEventAt = Number.NEGATIVE_INFINITY;
    let samplesSeen = 0;
    let step = 0;
    let smoothing = 0;
    let isStopped = false;

    const timing = (): { samplesPerSecond: number; elapsedMs: number; etaMs: number } => {
      const elapsedMs = now() - startedAt;
      const samplesPerSecond = elapsedMs > 0 ? (samplesSeen * 1000) / elapsedMs : 0;
      const etaMs =
        samplesPerSecond > 0 ? ((totalSamples - samplesSeen) * 1000) / samplesPerSecond : 0;
      return { samplesPerSecond, elapsedMs, etaMs };
    };

    /** One optimiser step; returns [loss, correct predictions] (correct is 0 for regression). */
    const runBatch = async (order: tf.Tensor1D, start: number, size: number): Promise<number[]> => {
      let correct: tf.Scalar | null = null;
      let stats: tf.Tensor | null = null;
      try {
        stats = tf.tidy(() => {
          const indices = order.slice(start, size);
          const xb = tf.gather(train.x as tf.Tensor2D, indices);
          const yb = tf.gather(train.y as tf.Tensor, indices);
          const cost = optimizer.minimize(() => {
            const output = model.apply(xb, { training: true }) as tf.Tensor2D;
            if (!isClassification) return tf.losses.meanSquaredError(yb, output) as tf.Scalar;
            // Kept: the gradient tape's scope would dispose it before it can be read.
            correct = tf.keep(
              tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), yb), 'float32')) as tf.Scalar,
            );
            return categoricalCrossEntropy(
              tf.cast(tf.oneHot(yb as tf.Tensor1D, k), 'float32'),
              output,
              classWeights ? tf.gather(classWeights, yb) : null,
            );
          }, true) as tf.Scalar;
          return correct ? tf.stack([cost, correct]) : tf.stack([cost, tf.scalar(0)]);
        });
        return Array.from(await stats.data());
      } finally {
        (stats as tf.Tensor | null)?.dispose();
        (correct as tf.Scalar | null)?.dispose();
      }
    };

    for (let epoch = 1; epoch <= config.epochs && !isStopped; epoch++) {
      const fresh = epoch > 1 ? (data.trainForEpoch?.(epoch) ?? null) : null;
      if (fresh && fresh.y.length === nTrain && fresh.x.length === nTrain * width) {
        train.x?.dispose();
        train.y?.dispose();
        [train.x, train.y] = uploadTrain(fresh.x, fresh.y);
      }
      const order = tf.tensor1d(permutation(nTrain, rng), 'int32');
      let epochLoss = 0;
      let epochCorrect = 0;
      let batchesDone = 0;
      try {
        for (let batch = 1; batch <= batchesPerEpoch; batch++) {
          const start = (batch - 1) * batchSize;
          const size = Math.min(batchSize, nTrain - start);
          const [loss = Number.NaN, correct = 0] = await runBatch(order, start, size);
          if (!Number.isFinite(loss)) return diverged(epoch);
          step++;
          batchesDone++;
          samplesSeen += size;
          epochLoss += loss * size;
          epochCorrect += correct;
          smoothing = SMOOTHING * smoothing + (1 - SMOOTHING) * loss;
          const at = now();
          if (at - lastBatchEventAt >= PROGRESS_THROTTLE_MS) {
            lastBatchEventAt = at;
            emit({
              type: 'batch',
              jobId,
              epoch,
              batch,
              batchesPerEpoch,
              step,
              loss,
              smoothedLoss: smoothing / (1 - SMOOTHING ** step),
              ...timing(),
            });
          }
          await yieldToEventLoop();
          if (job.isStopRequested()) {
            isStopped = true;
            break;
          }
        }
      } finally {
        order.dispose();
      }
      if (batchesDone < batchesPerEpoch) break;

      const valOutputs = await predictAll(model, xVal);
      if (!isAllFinite(valOutputs)) return diverged(epoch);
      const trainLoss = epochLoss / nTrain;
      const record: EpochRecord = isClassification
        ? {
            epoch,
            trainLoss,
            valLoss: crossEntropyOf(data.yVal, valOutputs, k),
            trainMetric: epochCorrect / nTrain,
            valMetric: accuracyOf(data.yVal, valOutputs, k),
          }
        : {
            epoch,
            trainLoss,
            valLoss: meanSquaredErrorOf(data.yVal, valOutputs),
            trainMetric: trainSumOfSquares > 0 ? 1 - epochLoss / trainSumOfSquares : 0,
            valMetric: r2(data.yVal, valOutputs),
          };
      history.push(record);
      emit({ type: 'epoch', jobId, epochs: config.epochs, ...timing(), ...record });
      if (job.liveEvaluation !== false) {
        emit({
          type: 'eval',
          jobId,
          epoch,
          split: 'validation',
          evaluation: evaluateOutputs(data, data.yVal, valOutputs),
        });
      }
      await live?.epochEnd(model, epoch);
    }

    const xTest = upload(tf.tensor2d(data.xTest, [nTest, width]));
    const testOutputs = await predictAll(model, xTest);
    if (!isAllFinite(testOutputs)) return diverged(history.length);
    return {
      status: isStopped ? 'stopped' : 'completed',
      epochsRun: history.length,
      history,
      test: evaluateOutputs(data, data.yTest, testOutputs),
      trainedModel: await saveTrainedModel(model),
    };
  } finally {
    for (const tensor of uploaded) tensor.dispose();
    train.x?.dispose();
    train.y?.dispose();
    model.dispose();
    optimizer.dispose();
  }
}
