/**
 * `trainFastMlp`: the training loop of train-loop.ts for MLPs too big for the tiny engine, on
 * the buffer engine of fast-mlp.ts, when the job runs on the WASM backend (products in its
 * XNNPACK, called directly on heap memory) or the CPU backend (blocked JS products). Same
 * contract as `trainMlp` and `trainTinyMlp`: same events, batch-event throttle, history records,
 * stop and divergence semantics, test evaluation and trained-model artifacts, so callers may
 * pick any path.
 *
 * Invariants:
 * - The initial weights are `buildMlp`'s for the same config (read from the transient tfjs
 *   model, disposed at once) and each epoch's order is the same seeded `permutation`, so the
 *   paths follow the same trajectory up to float32 rounding (tests/unit/ml/fast-mlp).
 * - No tensor is created per batch and no heap memory outlives the job: the engine's buffers
 *   are freed in `finally`, whatever ends the job.
 * - Validation `eval` events are throttled like the tiny engine's (at most every
 *   PROGRESS_THROTTLE_MS, plus the last epoch's); `epoch` events and history never are.
 * - It yields at most every YIELD_INTERVAL_MS and checks for a stop after every batch.
 */
import type { BackendName, EpochRecord, MlpConfig } from '../../contracts/training';
import { r2 } from '../../core/metrics';
import { createRng, permutation } from '../../core/rng';
import { tinyTrainedModel } from '../export/trained-model';
import { buildMlp } from '../mlp';
import { PROGRESS_THROTTLE_MS, type TrainJob, type TrainResult } from '../train-loop';
import {
  accuracyOf,
  crossEntropyOf,
  evaluateOutputs,
  isAllFinite,
  meanSquaredErrorOf,
  sumOfSquaresAroundMean,
} from '../tiny/epoch-metrics';
import { shouldUseTinyPath, YIELD_INTERVAL_MS } from '../tiny/train-tiny';
import { yieldToEventLoop } from '../yield';
import { createFastLiveViews } from './fast-live';
import { FastMlp } from './fast-mlp';
import { createFastOptimizer } from './fast-optimizers';
import { createJsKernels, type FastKernels } from './kernels';
import { activeWasmBackend, createWasmKernels } from './wasm-kernels';

const SMOOTHING = 0.9;

/**
 * True when the fast engine should train this MLP: the job runs on WASM or the CPU backend
 * (GPU backends keep tfjs, whose products run on the GPU) and the tiny engine does not take it.
 */
export function shouldUseFastPath(
  backend: BackendName,
  width: number,
  outputUnits: number,
  config: Pick<MlpConfig, 'hiddenLayers' | 'batchSize'>,
  rows: number,
): boolean {
  if (backend !== 'wasm' && backend !== 'cpu') return false;
  return !shouldUseTinyPath(width, outputUnits, config, rows);
}

/** The WASM backend's kernels when it is the running tfjs backend, else blocked JS. */
export function createFastKernels(): FastKernels {
  const wasm = activeWasmBackend();
  return wasm ? createWasmKernels(wasm) : createJsKernels();
}

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

export async function trainFastMlp(
  job: TrainJob,
  kernels: FastKernels = createFastKernels(),
): Promise<TrainResult> {
  const { data, config } = job;
  const isClassification = data.task === 'classification';
  const k = data.classNames.length;
  const nTrain = data.yTrain.length;
  if (
    nTrain === 0 ||
    data.yVal.length === 0 ||
    data.yTest.length === 0 ||
    (isClassification && k < 2)
  ) {
    kernels.dispose();
    return { status: 'failed', code: 'error.config.invalid', params: { field: 'split' } };
  }
  let net: FastMlp | null = null;
  try {
    net = new FastMlp(
      {
        layerSizes: [data.width, ...config.hiddenLayers, isClassification ? k : 1],
        activation: config.activation,
        task: data.task,
        maxRows: Math.max(1, Math.min(config.batchSize, nTrain)),
      },
      kernels,
    );
    return await runLoop(job, net);
  } finally {
    if (net) net.dispose();
    else kernels.dispose();
  }
}

async function runLoop(job: TrainJob, net: FastMlp): Promise<TrainResult> {
  const { data, config, jobId, emit } = job;
  const now = job.now ?? (() => performance.now());
  const isClassification = data.task === 'classification';
  const k = data.classNames.length;
  const { width } = data;
  const nTrain = data.yTrain.length;
  const nVal = data.yVal.length;
  const nTest = data.yTest.length;
  const batchSize = net.maxRows;

  net.setWeights(initialWeights(job, k));
  const pairs = net.parameterPairs();
  const optimizer = createFastOptimizer(
    config.optimizer,
    config.learningRate,
    pairs.map((pair) => pair.params.length),
  );
  job.onModelBuilt?.(net.parameterCount);
  const live = job.liveViews
    ? createFastLiveViews({ jobId, request: job.liveViews, data, emit, now })
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
      // Views are re-taken each step: the WASM heap may have grown since the last one.
      optimizer.step(net.parameterPairs());
      net.commitParameters();
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
    await live?.epochEnd(net, epoch, config.epochs);
  }
  if (pendingEval) emitEval(pendingEval);

  const testOutputs = net.predict(data.xTest, nTest);
  if (!isAllFinite(testOutputs)) return diverged(history.length);
  return {
    status: isStopped ? 'stopped' : 'completed',
    epochsRun: history.length,
    history,
    test: evaluateOutputs(data, data.yTest, testOutputs),
    trainedModel: await tinyTrainedModel(width, k, config, data.task, net.weights()),
  };
}
