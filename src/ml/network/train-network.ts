/**
 * Trains any layer stack of the builder (`NetworkSpec`) on a prepared classification or
 * regression dataset, with the settings of `NetworkTraining`: loss, optimizer, learning-rate
 * schedule, L1/L2 penalties, gradient clipping, early stopping, and TensorFlow Playground's
 * controls (pause, resume, a single batch or epoch, stop) through a `RunControl`.
 *
 * Invariants (those of train-loop.ts, plus):
 * - The output head is added here: a softmax over the classes or one linear unit, after a
 *   Flatten when the stack ends in more than one dimension; the stack is the user's, the head
 *   follows from the task. Rows are reshaped to `spec.inputShape` (its size must equal the
 *   dataset's width).
 * - The same data, spec, settings and seed give the same loss sequence on a given backend, and
 *   a run resumed from a checkpoint continues that sequence: the batch order of epoch e is the
 *   e-th permutation of the seeded generator, and the optimizer's slots are restored too.
 * - Tensor count is back to where it started when the job returns, whatever the outcome.
 */
import * as tf from '@tensorflow/tfjs';
import type { ErrorCode, ErrorParams } from '../../contracts/errors';
import type { Evaluation } from '../../contracts/evaluation';
import type {
  EpochRecord,
  TrainedModelArtifacts,
  TrainingEventHandler,
} from '../../contracts/training';
import type { NetworkSpec } from '../../core/network/spec';
import type { LossName, NetworkTraining } from '../../core/network/training-spec';
import { analyzeNetwork } from '../../core/network/analyze';
import { withOutputHead } from '../../core/network/layers';
import { createPlateauTracker, learningRateAt } from '../../core/network/schedules';
import { createRng, permutation } from '../../core/rng';
import { r2 } from '../../core/metrics';
import {
  accuracyOf,
  evaluateOutputs,
  isAllFinite,
  sumOfSquaresAroundMean,
} from '../tiny/epoch-metrics';
import type { TrainingData } from '../train-loop';
import { yieldToEventLoop } from '../yield';
import { saveTrainedModel } from '../export/trained-model';
import { createNetworkLiveViews } from '../live/network-live';
import type { LiveViewsRequest } from '../../contracts/live-views';
import { buildNetwork } from './build-network';
import {
  modelWeights,
  optimizerState,
  restoreModelWeights,
  restoreOptimizerState,
  type NetworkCheckpoint,
  type SavedTensor,
} from './checkpoint';
import { batchLoss, clipByGlobalNorm, perRowLoss } from './losses';
import { createScheduledOptimizer } from './optimizers';
import type { RunControl } from './run-control';
import { applyTransfer, type NetworkTransfer } from './transfer';
import { trainingTensorsForEpoch } from './augment-epoch';
import { setDropoutStep } from './step-dropout';

export const PROGRESS_THROTTLE_MS = 100;
const PREDICT_CHUNK_ROWS = 2048;
const SMOOTHING = 0.9;

export interface NetworkJob {
  jobId: number;
  data: TrainingData;
  spec: NetworkSpec;
  training: NetworkTraining;
  emit: TrainingEventHandler;
  control: RunControl;
  liveEvaluation?: boolean;
  /** Save a checkpoint every N epochs (0 = never) and when a run is stopped. */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: NetworkCheckpoint) => Promise<void> | void;
  resumeFrom?: NetworkCheckpoint;
  /** Start from a registered run's weights, some layers frozen (transfer.ts). */
  transfer?: NetworkTransfer;
  onModelBuilt?: (parameterCount: number) => void;
  /**
   * Regression targets per row (a forecast horizon); `y*` arrays then hold rows × outputs.
   * Default 1.
   */
  outputs?: number;
  /** After each epoch's evaluation, with the model as it is (text samples, forecasts, ...). */
  onEpochEnd?: (model: tf.LayersModel, epoch: number) => Promise<void> | void;
  /** Live views to send (throttled, src/ml/live); absent = none. */
  liveViews?: LiveViewsRequest;
  now?: () => number;
}

export type NetworkResult =
  | {
      status: 'completed' | 'stopped';
      epochsRun: number;
      history: EpochRecord[];
      /** Early stopping ended the run at this epoch (restoring the best weights if asked). */
      stoppedEarlyAt?: number;
      bestEpoch?: number;
      test: Evaluation;
      /** The trained network's topology and weights (export, prediction, registry). */
      trainedModel?: TrainedModelArtifacts;
    }
  | { status: 'failed'; code: ErrorCode; params?: ErrorParams };

const CLASSIFICATION_LOSSES: readonly LossName[] = [
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
  'binaryCrossentropy',
];
const REGRESSION_LOSSES: readonly LossName[] = ['mse', 'mae', 'huber'];

const invalid = (field: string, extra: ErrorParams = {}): NetworkResult => ({
  status: 'failed',
  code: 'error.config.invalid',
  params: { field, ...extra },
});

/** Why these settings cannot train on this data, or null. */
function checkJob(job: NetworkJob): NetworkResult | null {
  const { data, spec, training } = job;
  const width = spec.inputShape.reduce((a, b) => a * b, 1);
  if (width !== data.width) return invalid('inputShape', { expected: data.width, got: width });
  const k = data.classNames.length;
  if (data.task === 'classification') {
    if (!CLASSIFICATION_LOSSES.includes(training.loss)) return invalid('loss');
    // For two classes, binary cross-entropy on P(class 1) is the categorical one: same number.
    if (training.loss === 'binaryCrossentropy' && k !== 2) return invalid('loss');
  } else if (!REGRESSION_LOSSES.includes(training.loss)) {
    return invalid('loss');
  }
  if (data.xTrain.length === 0 || data.xVal.length === 0 || data.xTest.length === 0) {
    return invalid('split');
  }
  if (data.task === 'classification' && k < 2) return invalid('split');
  return null;
}

function withHead(spec: NetworkSpec, task: TrainingData['task'], units: number): NetworkSpec {
  const analysis = analyzeNetwork(spec);
  const outputRank =
    spec.layers.length === 0
      ? spec.inputShape.length
      : analysis.ok
        ? analysis.outputShape.length
        : 1;
  return withOutputHead(spec, task, units, outputRank);
}

function validationLoss(
  loss: LossName,
  data: TrainingData,
  outputs: Float32Array,
  delta: number,
): number {
  return tf.tidy(() => {
    const rows = data.xVal.length / data.width;
    const predictions = tf.tensor2d(outputs, [rows, outputs.length / rows]);
    const targets =
      data.task === 'classification'
        ? tf.tensor1d(data.yVal)
        : tf.tensor2d(data.yVal, [rows, data.yVal.length / rows]);
    const name: LossName =
      loss === 'binaryCrossentropy' || loss === 'categoricalCrossentropy'
        ? 'sparseCategoricalCrossentropy'
        : loss;
    return perRowLoss(name, predictions, targets, delta).mean().dataSync()[0] ?? Number.NaN;
  });
}

async function predictAll(model: tf.LayersModel, x: tf.Tensor): Promise<Float32Array> {
  const rows = x.shape[0] ?? 0;
  const parts: Float32Array[] = [];
  for (let start = 0; start < rows; start += PREDICT_CHUNK_ROWS) {
    const count = Math.min(PREDICT_CHUNK_ROWS, rows - start);
    const output = tf.tidy(
      () => model.apply(x.slice(start, count), { training: false }) as tf.Tensor,
    );
    try {
      parts.push(Float32Array.from(await output.data()));
    } finally {
      output.dispose();
    }
  }
  const out = new Float32Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** L1/L2 penalty over the kernels (rank ≥ 2 weights), as Keras's kernel regularizers add it. */
function penalty(model: tf.LayersModel, l1: number, l2: number): tf.Scalar | null {
  if (l1 <= 0 && l2 <= 0) return null;
  const terms = model.trainableWeights
    .filter((w) => w.shape.length >= 2)
    .map((w) => {
      const value = w.read();
      const parts: tf.Scalar[] = [];
      if (l1 > 0) parts.push(value.abs().sum().mul(l1));
      if (l2 > 0) parts.push(value.square().sum().mul(l2));
      return tf.addN(parts) as tf.Scalar;
    });
  return terms.length > 0 ? (tf.addN(terms) as tf.Scalar) : null;
}

export async function trainNetwork(job: NetworkJob): Promise<NetworkResult> {
  const problem = checkJob(job);
  if (problem) return problem;
  const { data, training, jobId, emit, control } = job;
  const now = job.now ?? (() => performance.now());
  const isClassification = data.task === 'classification';
  const k = data.classNames.length;
  const outputs = isClassification ? k : (job.outputs ?? 1);
  const built = buildNetwork(withHead(job.spec, data.task, outputs), training.seed);
  if (!built.ok)
    return invalid('layers', { layer: built.problem.layer, problem: built.problem.code });
  const model = built.model;
  const scheduled = createScheduledOptimizer(training.optimizer, training.learningRate);
  const optimizer = scheduled.optimizer;
  const usesIntegers = job.spec.layers[0]?.type === 'embedding';
  const shapeOf = (rows: number) => [rows, ...job.spec.inputShape];
  const toInput = (values: Float32Array, rows: number): tf.Tensor =>
    usesIntegers
      ? tf.tensor(Int32Array.from(values), shapeOf(rows), 'int32')
      : tf.tensor(values, shapeOf(rows));
  const owned: tf.Tensor[] = [];
  const own = <T extends tf.Tensor>(t: T): T => {
    owned.push(t);
    return t;
  };
  let bestWeights: SavedTensor[] | null = job.resumeFrom?.best?.weights ?? null;
  try {
    if (job.transfer) {
      // Before `variables` is read below: frozen layers must not reach the optimizer.
      const applied = await applyTransfer(model, job.transfer, data.classNames);
      if (!applied.ok) return { status: 'failed', code: applied.code, params: applied.params };
    }
    job.onModelBuilt?.(model.countParams());
    const rowsOf = (x: Float32Array) => x.length / data.width;
    const nTrain = rowsOf(data.xTrain);
    const toTargets = (y: Float32Array): tf.Tensor =>
      isClassification
        ? tf.tensor1d(Int32Array.from(y), 'int32')
        : tf.tensor2d(y, [nTrain, outputs]);
    let xTrain = own(toInput(data.xTrain, nTrain));
    let yTrain = own(toTargets(data.yTrain));
    const xVal = own(toInput(data.xVal, rowsOf(data.xVal)));
    const classWeights =
      isClassification && data.classWeights ? own(tf.tensor1d(data.classWeights)) : null;
    const trainSumOfSquares = isClassification ? 0 : sumOfSquaresAroundMean(data.yTrain);
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

    const batchSize = Math.max(1, Math.min(training.batchSize, nTrain));
    const batchesPerEpoch = Math.ceil(nTrain / batchSize);
    const rng = createRng(training.seed);
    const history: EpochRecord[] = [];
    let firstEpoch = 1;
    const plateau =
      training.schedule.kind === 'plateau'
        ? createPlateauTracker(training.schedule, training.learningRate)
        : null;
    const resumedBest = job.resumeFrom?.best;
    let best = resumedBest ? { epoch: resumedBest.epoch, score: resumedBest.score } : null;
    if (job.resumeFrom) {
      restoreModelWeights(model, job.resumeFrom.weights);
      await restoreOptimizerState(optimizer, job.resumeFrom.optimizer);
      history.push(...job.resumeFrom.history);
      firstEpoch = job.resumeFrom.epoch + 1;
      scheduled.setLearningRate(job.resumeFrom.learningRate);
      for (const record of history) plateau?.observe(record.valLoss);
      for (let e = 1; e < firstEpoch; e++) permutation(nTrain, rng);
    }
    const totalSamples = nTrain * (training.epochs - firstEpoch + 1);
    const startedAt = now();
    let samplesSeen = 0;
    let step = (firstEpoch - 1) * batchesPerEpoch;
    let smoothing = 0;
    let smoothingSteps = 0;
    let lastBatchEventAt = Number.NEGATIVE_INFINITY;
    let stopped = false;
    let stoppedEarlyAt: number | undefined;
    let epochsWithoutImprovement = 0;

    const timing = () => {
      const elapsedMs = now() - startedAt;
      const samplesPerSecond = elapsedMs > 0 ? (samplesSeen * 1000) / elapsedMs : 0;
      const etaMs =
        samplesPerSecond > 0 ? ((totalSamples - samplesSeen) * 1000) / samplesPerSecond : 0;
      return { samplesPerSecond, elapsedMs, etaMs };
    };

    const checkpoint = async (epoch: number): Promise<void> => {
      if (!job.onCheckpoint) return;
      const saved: NetworkCheckpoint = {
        version: 1,
        epoch,
        history: [...history],
        learningRate: scheduled.learningRate,
        weights: await modelWeights(model),
        optimizer: await optimizerState(optimizer),
      };
      if (best && bestWeights)
        saved.best = { epoch: best.epoch, score: best.score, weights: bestWeights };
      await job.onCheckpoint(saved);
    };

    const live = job.liveViews
      ? createNetworkLiveViews({
          jobId,
          request: job.liveViews,
          data,
          emit,
          now,
          firstEpoch,
          epochs: training.epochs,
          isIntegerInput: usesIntegers,
        })
      : null;

    const runBatch = async (order: tf.Tensor1D, start: number, size: number): Promise<number[]> => {
      // Kept out of the gradient tape's scope (it would be disposed before it could be read),
      // so it is disposed here by hand.
      let correct: tf.Scalar | null = null;
      let stats: tf.Tensor | null = null;
      try {
        stats = tf.tidy(() => {
          const indices = order.slice(start, size);
          const xb = tf.gather(xTrain, indices);
          const yb = tf.gather(yTrain, indices);
          setDropoutStep(step);
          const { value, grads } = tf.variableGrads(() => {
            const output = model.apply(xb, { training: true }) as tf.Tensor;
            // Per batch, the running training metric's numerator: correct predictions, or the
            // squared error (whatever the loss, so the training R² is an R²).
            correct = tf.keep(
              (isClassification
                ? tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), yb), 'float32'))
                : tf.sum(tf.squaredDifference(output, yb))) as tf.Scalar,
            );
            const weights = classWeights ? (tf.gather(classWeights, yb) as tf.Tensor1D) : undefined;
            const name = isClassification ? 'sparseCategoricalCrossentropy' : training.loss;
            const options = { huberDelta: training.huberDelta, ...(weights ? { weights } : {}) };
            const base = batchLoss(name, output, yb, options);
            const extra = penalty(model, training.regularization.l1, training.regularization.l2);
            return extra ? (base.add(extra) as tf.Scalar) : base;
          }, variables);
          live?.gradients(model, grads, start + size >= nTrain);
          optimizer.applyGradients(
            training.clipNorm > 0 ? clipByGlobalNorm(grads, training.clipNorm) : grads,
          );
          return tf.stack([value, correct ?? tf.scalar(0)]);
        });
        return Array.from(await stats.data());
      } finally {
        stats?.dispose();
        (correct as tf.Scalar | null)?.dispose();
      }
    };

    for (let epoch = firstEpoch; epoch <= training.epochs && !stopped; epoch++) {
      if (!plateau)
        scheduled.setLearningRate(
          learningRateAt(training.schedule, training.learningRate, epoch, training.epochs),
        );
      // Augmentation and noise steps: this epoch's own draw of the training rows.
      [xTrain, yTrain] = trainingTensorsForEpoch(epoch, data, [xTrain, yTrain], (x, y) => [
        own(toInput(x, nTrain)),
        own(toTargets(y)),
      ]);
      const order = tf.tensor1d(permutation(nTrain, rng), 'int32');
      let epochLoss = 0;
      let epochCorrect = 0;
      let batchesDone = 0;
      try {
        for (let batch = 1; batch <= batchesPerEpoch; batch++) {
          const start = (batch - 1) * batchSize;
          const size = Math.min(batchSize, nTrain - start);
          const [loss = Number.NaN, correct = 0] = await runBatch(order, start, size);
          if (!Number.isFinite(loss)) {
            return { status: 'failed', code: 'error.training.nanLoss', params: { epoch } };
          }
          step++;
          smoothingSteps++;
          batchesDone++;
          samplesSeen += size;
          epochLoss += loss * size;
          epochCorrect += correct;
          smoothing = SMOOTHING * smoothing + (1 - SMOOTHING) * loss;
          const at = now();
          if (at - lastBatchEventAt >= PROGRESS_THROTTLE_MS || control.state === 'paused') {
            lastBatchEventAt = at;
            emit({
              type: 'batch',
              jobId,
              epoch,
              batch,
              batchesPerEpoch,
              step,
              loss,
              smoothedLoss: smoothing / (1 - SMOOTHING ** smoothingSteps),
              ...timing(),
            });
          }
          await yieldToEventLoop();
          if (!(await control.boundary('batch'))) {
            stopped = true;
            break;
          }
        }
      } finally {
        order.dispose();
      }
      if (batchesDone < batchesPerEpoch) break;

      const valOutputs = await predictAll(model, xVal);
      if (!isAllFinite(valOutputs))
        return { status: 'failed', code: 'error.training.nanLoss', params: { epoch } };
      const record: EpochRecord = {
        epoch,
        trainLoss: epochLoss / nTrain,
        valLoss: validationLoss(training.loss, data, valOutputs, training.huberDelta),
        trainMetric: isClassification
          ? epochCorrect / nTrain
          : trainSumOfSquares > 0
            ? 1 - epochCorrect / trainSumOfSquares
            : 0,
        valMetric: isClassification
          ? accuracyOf(data.yVal, valOutputs, k)
          : r2(data.yVal, valOutputs),
        learningRate: scheduled.learningRate,
      };
      history.push(record);
      emit({ type: 'epoch', jobId, epochs: training.epochs, ...timing(), ...record });
      if (job.liveEvaluation !== false) {
        emit({
          type: 'eval',
          jobId,
          epoch,
          split: 'validation',
          evaluation: evaluateOutputs(data, data.yVal, valOutputs),
        });
      }
      await job.onEpochEnd?.(model, epoch);
      await live?.epochEnd(model, epoch);
      if (plateau) scheduled.setLearningRate(plateau.observe(record.valLoss));

      const stopping = training.earlyStopping;
      if (stopping.enabled) {
        const score = stopping.monitor === 'valLoss' ? -record.valLoss : record.valMetric;
        if (!best || score > best.score) {
          best = { epoch, score };
          epochsWithoutImprovement = 0;
          if (stopping.restoreBest) bestWeights = await modelWeights(model);
        } else if (++epochsWithoutImprovement >= stopping.patience) {
          stoppedEarlyAt = epoch;
        }
      }
      const every = job.checkpointEvery ?? 0;
      if (every > 0 && epoch % every === 0) await checkpoint(epoch);
      if (stoppedEarlyAt !== undefined) break;
      if (!(await control.boundary('epoch'))) stopped = true;
    }
    if (stopped && history.length > 0) await checkpoint(history[history.length - 1]!.epoch);
    if (training.earlyStopping.enabled && training.earlyStopping.restoreBest && bestWeights) {
      restoreModelWeights(model, bestWeights);
    }

    const xTest = own(toInput(data.xTest, rowsOf(data.xTest)));
    const testOutputs = await predictAll(model, xTest);
    if (!isAllFinite(testOutputs))
      return {
        status: 'failed',
        code: 'error.training.nanLoss',
        params: { epoch: history.length },
      };
    const result: NetworkResult = {
      status: stopped ? 'stopped' : 'completed',
      epochsRun: history.length,
      history,
      test: evaluateOutputs(data, data.yTest, testOutputs),
    };
    if (stoppedEarlyAt !== undefined) result.stoppedEarlyAt = stoppedEarlyAt;
    if (best) result.bestEpoch = best.epoch;
    result.trainedModel = await saveTrainedModel(model);
    return result;
  } finally {
    tf.dispose(owned);
    model.dispose();
    optimizer.dispose();
  }
}
