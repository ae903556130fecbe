import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForecastSpec } from '../../../../src/contracts/sequence';
import type { TrainingEvent } from '../../../../src/contracts/training';
import { RunControl } from '../../../../src/ml/network/run-control';
import { runForecast } from '../../../../src/ml/sequence/forecast-run';
import { readSeriesTable } from '../../../../src/ml/sequence/series-table';
import { createTrainingService } from '../../../../src/ml/training-service';
import { MAX_KEPT_WEIGHT_BYTES } from '../../../../src/state/task-run-record';
import { buildSequenceRequest } from '../../../../src/state/sequence-request';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';

const DATASETS = new URL('../../../../public/datasets/', import.meta.url);
const AIR = readFileSync(new URL('air_passengers.csv', DATASETS), 'utf8');
const WEATHER = readFileSync(new URL('seattle_weather.csv', DATASETS), 'utf8');
const MANIFEST = JSON.parse(
  readFileSync(new URL('manifest.json', DATASETS), 'utf8'),
) as BuiltinDatasetEntry[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const spec: ForecastSpec = {
  kind: 'forecast',
  column: 'passengers',
  multivariate: false,
  timeColumn: 'month',
  lookback: 12,
  horizon: 1,
  epochs: 40,
  learningRate: 0.01,
  seed: 42,
};

describe('runForecast', () => {
  it('beats the naive last-value forecast on air_passengers by 30 % of its MAE', async () => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    const started = performance.now();
    const result = await runForecast({
      jobId: 1,
      spec,
      text: AIR,
      split: { train: 0.7, validation: 0.1, test: 0.2 },
      emit: (event) => {
        if (event.type === 'epoch') counts.push(tf.memory().numTensors);
      },
      control: new RunControl(),
    });
    if (result.status === 'failed' || result.status === 'cancelled') throw new Error(result.status);
    if (result.sequence.kind !== 'forecast') throw new Error('not a forecast');
    const { model, baseline, actual, predicted, labels } = result.sequence;
    console.log('air_passengers LSTM forecaster (Node CPU)', {
      model,
      baseline,
      epochs: result.epochsRun,
      ms: Math.round(performance.now() - started),
    });
    expect(model.mae).toBeLessThan(0.7 * baseline.mae);
    expect(model.rmse).toBeLessThan(baseline.rmse);
    // 20 % of 144 months is the test period, every month forecast once, in time order.
    expect(actual).toHaveLength(29);
    expect(predicted).toHaveLength(29);
    expect(labels[labels.length - 1]).toBe('1960-12');
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  }, 300_000);

  it('is dispatched by the training service and reports a multi-step forecast', async () => {
    const entry = MANIFEST.find((e) => e.id === 'air_passengers');
    if (!entry) throw new Error('air_passengers is not shipped');
    const service = createTrainingService({ fetchText: () => Promise.resolve(AIR) });
    const request = buildSequenceRequest(
      entry,
      'air_passengers.csv',
      { ...spec, horizon: 3, epochs: 2 },
      'cpu',
    );
    const events: TrainingEvent[] = [];
    const outcome = await service.train({ ...request, jobId: 7 }, (e) => events.push(e));
    if (outcome.status !== 'completed') throw new Error(outcome.status);
    expect(outcome.backend).toBe('cpu');
    expect(outcome.sequence?.kind).toBe('forecast');
    if (outcome.sequence?.kind !== 'forecast') return;
    expect(outcome.sequence.horizon).toBe(3);
    expect(outcome.sequence.actual.length % 3).toBe(0);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events[events.length - 1]?.type).toBe('done');
    // The trained forecaster comes back for the registry, small enough to keep.
    expect(outcome.trainedModel?.format).toBe('tfjs-layers');
    const bytes = outcome.trainedModel?.weightData.byteLength ?? 0;
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(MAX_KEPT_WEIGHT_BYTES);
  }, 120_000);

  it('fails with a result when the series is too short for the window', async () => {
    const result = await runForecast({
      jobId: 2,
      spec,
      // 15 months: the 10 training months cannot hold a 12-month window and its target.
      text: AIR.split('\n').slice(0, 16).join('\n'),
      split: { train: 0.7, validation: 0.1, test: 0.2 },
      emit: () => undefined,
      control: new RunControl(),
    });
    expect(result.status).toBe('failed');
    if (result.status === 'failed') expect(result.code).toBe('error.dataset.tooFewRows');
  });

  it('reads the numeric columns of a weather series and forecasts from all of them', async () => {
    const read = readSeriesTable(WEATHER, 'date');
    if (!read.ok) throw new Error(read.code);
    // The derived 'weather' label is text and the date is the time column: both left out.
    expect(read.table.names).toEqual(['precipitation_mm', 'temp_min_c', 'wind_ms', 'temp_max_c']);
    expect(read.table.labels[0]).toBe('2012-01-01');
    const result = await runForecast({
      jobId: 3,
      spec: {
        ...spec,
        column: 'temp_max_c',
        timeColumn: 'date',
        multivariate: true,
        lookback: 7,
        horizon: 2,
        epochs: 1,
      },
      text: WEATHER.split('\n').slice(0, 201).join('\n'),
      split: { train: 0.7, validation: 0.1, test: 0.2 },
      emit: () => undefined,
      control: new RunControl(),
    });
    if (result.status === 'failed' || result.status === 'cancelled') throw new Error(result.status);
    expect(result.network.spec.inputShape).toEqual([7, 4]);
    if (result.sequence.kind !== 'forecast') throw new Error('not a forecast');
    expect(result.sequence.actual).toHaveLength(40);
    expect(result.sequence.labels[0]).toBe('2012-06-09');
  }, 120_000);
});
