/**
 * `trainTinyMlp`: the training loop of train-loop.ts for networks small enough that tfjs's
 * per-operation cost dominates (TensorFlow Playground's size), on the typed-array engine of
 * tiny-mlp.ts. Same contract as `trainMlp`: same events, batch-event throttle, history records,
 * stop and divergence semantics and test evaluation, so callers may pick either path.
 *
 * Invariants:
 * - The initial weights are those of `buildMlp` for the same config (read from the transient
 *   tfjs model, which is disposed at once), and each epoch's order is the same seeded
 *   `permutation` as `trainMlp`'s, so the two paths follow the same trajectory up to float32
 *   versus float64 rounding. The same seed gives the same results bit for bit.
 * - No tensor outlives the weight read-out; a step allocates nothing.
 * - One deliberate difference: validation `eval` events (a full evaluation: ROC, PR,
 *   calibration) go out at most every PROGRESS_THROTTLE_MS, as batch events do, plus always
 *   the last completed epoch's, because at thousands of epochs per second scoring every epoch
 *   would cost more than training it and the UI shows only the latest one anyway. `epoch`
 *   events and history records are never throttled.
 * - It yields to the event loop at most every YIELD_INTERVAL_MS (STYLE.md §4: sub-millisecond
 *   batches), and always after the first batch; a stop request is checked after every batch,
 *   so a stop lands within one yield of its message arriving.
 */
import type { EpochRecord, MlpConfig } from '../../contracts/training';
import { r2 } from '../../core/metrics';
import { createRng, permutation } from '../../core/rng';
import { buildMlp } from '../mlp';
import { tinyTrainedModel } from '../export/trained-model';
import { PROGRESS_THROTTLE_MS, type TrainJob, type TrainResult } from '../train-loop';
import { yieldToEventLoop } from '../yield';
import { createTinyLiveViews } from '../live/tiny-live';
import {
  accuracyOf,
  crossEntropyOf,
  evaluateOutputs,
  isAllFinite,
  meanSquaredErrorOf,
  sumOfSquaresAroundMean,
} from './epoch-metrics';
import { TinyMlp } from './tiny-mlp';
import { createTinyOptimizer } from './tiny-optimizers';

/** Longest stretch of batches between two yields (STYLE.md §4: "every ~10 ms"). */
export const YIELD_INTERVAL_MS = 10;
/** Weight of the past in the smoothed batch loss, as in train-loop.ts. */
const SMOOTHING = 0.9;
/**
 * Size limits of the tiny path. Below them a tfjs step costs ~1 ms of fixed per-kernel work
 * (about a hundred kernels for forward, backward and update) against microseconds of
 * arithmetic: on Playground's 2-8-8-2 the tiny path ran ~100× tfjs cpu, and near the limits
 * (16-48-48-4, 3,364 parameters, batch 64) still 5.6× (scripts/measure-playground.md). Above
 * them arithmetic dominates, where tfjs's WASM-SIMD (~25× cpu on matmul) or GPU kernels beat
 * scalar JavaScript, so the limits stay inside the region measured.
 */
export const TINY_MAX_PARAMETERS = 5000;
export const TINY_MAX_UNITS = 64;
/** Parameters × batch rows: the arithmetic of one step, bounded so a batch stays ~1 ms. */
export const TINY_MAX_STEP_WORK = 256 * 1024;

export function countTinyParameters(sizes: readonly number[]): number {
  let total = 0;
  for (let l = 1; l < sizes.length; l++) {
    total += ((sizes[l - 1] as number) + 1) * (sizes[l] as number);
  }
  return total;
}

/**
 * True when a network this size trains faster on the tiny path than on tfjs. `rows` (training
 * rows) caps the batch, as `trainMlp` does, since only the effective batch counts.
 */
export function shouldUseTinyPath(
  width: number,
  outputUnits: number,
  config: Pick<MlpConfig, 'hiddenLayers' | 'batchSize'>,
  rows: number,
): boolean {
  const sizes = [width, ...config.hiddenLayers, outputUnits];
  const parameters = countTinyParameters(sizes);
  const batch = Math.max(1, Math.min(config.batchSize, rows));
  return (
    sizes.every((units) => units >= 1 && units <= TINY_MAX_UNITS) &&
    parameters <= TINY_MAX_PARAMETERS &&
    parameters * batch <= TINY_MAX_STEP_WORK
  );
}

/** `buildMlp`'s initial weights for this config, in `getWeights()` order. */
function initialWeights(job: TrainJob, outputUnits: number): Float32Array[] {
  const model = buildMlp(job.data.width, outputUnits, job.config, job.data.task);
  try {
    return model.getWeights().map((w) => w.dataSync() as Float32Array);
  } finally {
    model.dispose();
  }
}

function diverged(epoch: number): TrainResult {
  return { status: 'failed', code: 'error.training.nanLoss', params: { epoch } };
}

export async function trainTinyMlp(job: TrainJob): Promise<TrainResult> {
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

  const outputUnits = isClassification ? k : 1;
  const batchSize = Math.max(1, Math.min(config.batchSize, nTrain));
  const net = new TinyMlp({
    layerSizes: [width, ...config.hiddenLayers, outputUnits],
    activation: config.activation,
    task: data.task,
    maxRows: batchSize,
  });
  net.setWeights(initialWeights(job, k));
  const optimizer = createTinyOptimizer(config.optimizer, config.learningRate, net.parameterCount);
  job.onModelBuilt?.(net.parameterCount);
  const live = job.liveViews
    ? createTinyLiveViews({ jobId, request: job.liveViews, data, emit, now })
    : null;

  const classWeights = isClassification && data.classWeights ? data.classWeights : null;
  const trainSumOfSquares = isClassification ? 0 : sumOfSquaresAroundMean(data.yTrain);
  const batchesPerEpoch = Math.ceil(nTrain / batchSize);
  const totalSamples = nTrain * config.epochs;
  const rng = createRng(config.seed);
  const history: EpochRecord[] = [];
  const startedAt = now();
  let lastBatchEventAt = Number.NEGATIVE_INFINITY;
  let lastYieldAt = Number.NEGATIVE_INFINITY;
  let lastEvalAt = Number.NEGATIVE_INFINITY;
  /** The latest epoch's validation outputs while its `eval` event is held back by the throttle. */
  let pendingEval: { epoch: number; outputs: Float32Array } | null = null;
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

  const emitEval = ({ epoch, outputs }: { epoch: number; outputs: Float32Array }): void => {
    if (job.liveEvaluation === false) return;
    emit({
      type: 'eval',
      jobId,
      epoch,
      split: 'validation',
      evaluation: evaluateOutputs(data, data.yVal, outputs),
    });
  };

  let xTrain = data.xTrain;
  let yTrain = data.yTrain;
  for (let epoch = 1; epoch <= config.epochs && !isStopped; epoch++) {
    // Per-epoch augmentation, as in trainMlp: fresh rows of the same shape replace the last.
    const fresh = epoch > 1 ? (data.trainForEpoch?.(epoch) ?? null) : null;
    if (fresh && fresh.y.length === nTrain && fresh.x.length === nTrain * width) {
      ({ x: xTrain, y: yTrain } = fresh);
    }
    const order = permutation(nTrain, rng);
    let epochLoss = 0;
    let epochCorrect = 0;
    let batchesDone = 0;
    for (let batch = 1; batch <= batchesPerEpoch; batch++) {
      const start = (batch - 1) * batchSize;
      const size = Math.min(batchSize, nTrain - start);
      net.loadRows(xTrain, order, start, size);
      net.forward(size);
      const { loss, correct } = net.lossAndGradients(yTrain, order, start, size, classWeights);
      if (!Number.isFinite(loss)) return diverged(epoch);
      optimizer.step(net.params, net.grads);
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
      if (at - lastYieldAt >= YIELD_INTERVAL_MS) {
        await yieldToEventLoop();
        lastYieldAt = now();
      }
      if (job.isStopRequested()) {
        isStopped = true;
        break;
      }
    }
    if (batchesDone < batchesPerEpoch) break;

    const valOutputs = net.predict(data.xVal, nVal);
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
    pendingEval = { epoch, outputs: valOutputs };
    const at = now();
    if (at - lastEvalAt >= PROGRESS_THROTTLE_MS || epoch === config.epochs) {
      lastEvalAt = at;
      emitEval(pendingEval);
      pendingEval = null;
    }
    await live?.epochEnd((rows, n) => net.predict(rows, n), epoch, config.epochs);
  }
  if (pendingEval) emitEval(pendingEval);

  const testOutputs = net.predict(data.xTest, nTest);
  if (!isAllFinite(testOutputs)) return diverged(history.length);
  return {
    status: isStopped ? 'stopped' : 'completed',
    epochsRun: history.length,
    history,
    test: evaluateOutputs(data, data.yTest, testOutputs),
    trainedModel: await tinyTrainedModel(width, k, config, data.task, net.toTfjsLayout(net.params)),
  };
}
