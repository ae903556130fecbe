/**
 * Time-series forecasting in the training worker: the series is split by time (no shuffling
 * across time: the test part is the latest values), scaled on the training part only, cut into
 * windows made relative to their last value, and the LSTM forecaster preset trains on them with
 * the general loop (pause, resume, single steps and stop all work). After every epoch the test
 * windows are forecast, so the forecast of the epoch whose weights the run ends with (the best
 * one when early stopping restores it) is reported in the series' units, against the naive
 * last-value baseline.
 */
import * as tf from '@tensorflow/tfjs';
import type { ForecastResult, ForecastSpec } from '../../contracts/sequence';
import type { SplitRatios, TrainingEventHandler } from '../../contracts/training';
import { forecasterPreset } from '../../core/network/presets';
import type { NetworkModelSpec } from '../../core/network/training-spec';
import { blockStarts, errorFigures, relativeToLastValue } from '../../core/sequence/forecast-eval';
import { forecastWindows, unscaleTarget } from '../../core/sequence/windows';
import { evaluateRegression } from '../evaluate';
import type { RunControl } from '../network/run-control';
import { trainNetwork } from '../network/train-network';
import type { TrainingData } from '../train-loop';
import { readSeriesTable } from './series-table';
import { loadTrainedModel } from '../export/trained-model';
import {
  checkpointOptions,
  type SequenceCheckpointing,
  type SequenceRunResult,
} from './sequence-result';

export interface ForecastJob extends SequenceCheckpointing {
  jobId: number;
  spec: ForecastSpec;
  text: string;
  split: SplitRatios;
  emit: TrainingEventHandler;
  control: RunControl;
  now?: () => number;
}

/** The preset with the request's settings: the network the run trains. */
export function forecastNetwork(spec: ForecastSpec, features: number): NetworkModelSpec {
  const preset = forecasterPreset(spec.lookback, features);
  return {
    spec: preset.spec,
    training: {
      ...preset.training,
      epochs: spec.epochs,
      learningRate: spec.learningRate,
      seed: spec.seed,
    },
  };
}

export async function runForecast(job: ForecastJob): Promise<SequenceRunResult> {
  const { jobId, spec } = job;
  const read = readSeriesTable(job.text, spec.timeColumn);
  if (!read.ok) return { status: 'failed', code: read.code };
  const { table } = read;
  const targetIndex = table.names.indexOf(spec.column);
  if (targetIndex < 0)
    return {
      status: 'failed',
      code: 'error.dataset.targetMissing',
      params: { target: spec.column },
    };
  const used = spec.multivariate ? table.columns : [table.columns[targetIndex] as Float64Array];
  const target = spec.multivariate ? targetIndex : 0;
  const windows = forecastWindows(used, target, {
    lookback: spec.lookback,
    horizon: spec.horizon,
    ratios: job.split,
  });
  if (!windows.ok) {
    const { problem } = windows;
    return problem.code === 'tooShort'
      ? { status: 'failed', code: 'error.dataset.tooFewRows', params: problem.params }
      : { status: 'failed', code: 'error.dataset.empty' };
  }
  const data = windows.data;
  const shape = { lookback: data.lookback, features: data.features, target, horizon: spec.horizon };
  const train = relativeToLastValue(data.train, shape);
  const validation = relativeToLastValue(data.validation, shape);
  const test = relativeToLastValue(data.test, shape);
  const trainingData: TrainingData = {
    task: 'regression',
    width: data.lookback * data.features,
    classNames: [],
    xTrain: train.x,
    yTrain: train.y,
    xVal: validation.x,
    yVal: validation.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
  const network = forecastNetwork(spec, data.features);
  const forecasts = new Map<number, Float64Array>();
  const forecastTest = async (model: tf.LayersModel): Promise<Float64Array> => {
    const output = tf.tidy(
      () =>
        model.apply(tf.tensor3d(test.x, [data.test.rows, data.lookback, data.features]), {
          training: false,
        }) as tf.Tensor,
    );
    try {
      const values = await output.data();
      const scaled = Float64Array.from(
        values,
        (v, i) => v + (test.levels[Math.floor(i / spec.horizon)] ?? 0),
      );
      return unscaleTarget(scaled, data.scaler, target);
    } finally {
      output.dispose();
    }
  };
  const result = await trainNetwork({
    jobId,
    data: trainingData,
    spec: network.spec,
    training: network.training,
    emit: job.emit,
    control: job.control,
    liveEvaluation: false,
    outputs: spec.horizon,
    ...(job.now ? { now: job.now } : {}),
    ...checkpointOptions(job),
    onEpochEnd: async (model, epoch) => {
      forecasts.set(epoch, await forecastTest(model));
    },
  });
  if (result.status === 'failed') return result;
  if (result.epochsRun === 0) return { status: 'cancelled' };
  const restoresBest =
    network.training.earlyStopping.enabled && network.training.earlyStopping.restoreBest;
  const finalEpoch =
    restoresBest && result.bestEpoch !== undefined ? result.bestEpoch : result.epochsRun;
  let predicted = forecasts.get(finalEpoch);
  // A resumed run whose best epoch came before the reload forecast that epoch in the earlier
  // page: forecast again with the weights the run ends with.
  if (!predicted && result.trainedModel) {
    const model = await loadTrainedModel(result.trainedModel);
    try {
      predicted = await forecastTest(model);
    } finally {
      model.dispose();
    }
  }
  if (!predicted) return { status: 'failed', code: 'error.training.nanLoss', params: { epoch: 0 } };

  const actual = unscaleTarget(data.test.y, data.scaler, target);
  const naive = unscaleTarget(
    Float64Array.from(actual, (_, i) => test.levels[Math.floor(i / spec.horizon)] ?? 0),
    data.scaler,
    target,
  );
  const sequence: ForecastResult = {
    kind: 'forecast',
    column: spec.column,
    horizon: spec.horizon,
    lookback: spec.lookback,
    index: [],
    labels: [],
    actual: [],
    predicted: [],
    naive: [],
    model: errorFigures(actual, predicted),
    baseline: errorFigures(actual, naive),
    windows: { train: data.train.rows, validation: data.validation.rows, test: data.test.rows },
  };
  for (const r of blockStarts(data.test.targetStart, spec.horizon)) {
    const start = data.test.targetStart[r] ?? 0;
    for (let h = 0; h < spec.horizon; h++) {
      const i = r * spec.horizon + h;
      sequence.index.push(start + h);
      sequence.labels.push(table.labels[start + h] ?? String(start + h + 1));
      sequence.actual.push(actual[i] ?? Number.NaN);
      sequence.predicted.push(predicted[i] ?? Number.NaN);
      sequence.naive.push(naive[i] ?? Number.NaN);
    }
  }
  return {
    status: result.status,
    epochsRun: result.epochsRun,
    history: result.history,
    test: evaluateRegression(actual, predicted),
    network,
    sequence,
    ...(result.stoppedEarlyAt === undefined ? {} : { stoppedEarlyAt: result.stoppedEarlyAt }),
    ...(result.bestEpoch === undefined ? {} : { bestEpoch: result.bestEpoch }),
    ...(result.trainedModel ? { trainedModel: result.trainedModel } : {}),
  };
}
