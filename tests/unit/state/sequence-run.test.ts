import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { ForecastResult } from '../../../src/contracts/sequence';
import type { TrainOutcome, TrainingEvent } from '../../../src/contracts/training';
import { SequenceRun, type SequencePort } from '../../../src/state/SequenceRun.svelte';
import {
  buildSequenceRequest,
  defaultText,
  seriesColumnsOf,
  sequenceKindOf,
  sequenceProblems,
  timeColumnOf,
} from '../../../src/state/sequence-request';

const AIR = {
  id: 'air_passengers',
  file: 'air_passengers.csv',
  format: 'csv',
  title: 'Air passengers',
  task: 'timeseries',
  target: 'passengers',
  time_column: { name: 'month' },
  features: [],
  source: {},
  license: '',
  rows: 144,
  columns: 2,
  has_missing: false,
  bytes: 0,
  sha256: '',
} as BuiltinDatasetEntry;

const FORECAST: ForecastResult = {
  kind: 'forecast',
  column: 'passengers',
  horizon: 1,
  lookback: 12,
  index: [140],
  labels: ['1960-09'],
  actual: [508],
  predicted: [500],
  naive: [606],
  model: { mae: 8, rmse: 8, mape: 1.6 },
  baseline: { mae: 98, rmse: 98, mape: 19 },
  windows: { train: 88, validation: 14, test: 29 },
};

function fakePort(events: TrainingEvent[], outcome: TrainOutcome): SequencePort {
  return {
    train: (_request, onEvent) => {
      for (const event of events) onEvent(event);
      return Promise.resolve(outcome);
    },
    stop: () => Promise.resolve(),
  };
}

describe('sequence requests', () => {
  it('maps the manifest tasks and columns', () => {
    expect(sequenceKindOf(AIR)).toBe('forecast');
    expect(sequenceKindOf({ task: 'text-generation' })).toBe('text');
    expect(sequenceKindOf({ task: 'classification' })).toBeNull();
    expect(timeColumnOf(AIR)).toBe('month');
    expect(seriesColumnsOf(AIR)).toEqual(['passengers']);
  });

  it('flags settings out of range and builds a request with the sequence spec', () => {
    expect(sequenceProblems({ ...defaultText(), temperature: 3, context: 1 })).toEqual([
      'context',
      'temperature',
    ]);
    const request = buildSequenceRequest(AIR, 'http://x/air.csv', defaultText(), 'cpu');
    expect(request.sequence?.kind).toBe('text');
    expect(request.dataset.task).toBe('classification');
    expect(request.backend).toBe('cpu');
  });
});

describe('SequenceRun', () => {
  it('keeps the history, the latest samples and the finished result', async () => {
    const failures: string[] = [];
    const run = new SequenceRun(
      fakePort(
        [
          {
            type: 'epoch',
            jobId: 1,
            epoch: 1,
            epochs: 1,
            trainLoss: 1,
            valLoss: 0.5,
            trainMetric: 0,
            valMetric: 0,
            samplesPerSecond: 1,
            elapsedMs: 10,
            etaMs: 0,
          },
          {
            type: 'samples',
            jobId: 1,
            epoch: 1,
            temperature: 0.7,
            prompt: 'a',
            samples: ['<b>x</b>'],
          },
        ],
        {
          status: 'completed',
          jobId: 1,
          epochsRun: 1,
          history: [],
          test: {
            kind: 'regression',
            n: 1,
            mse: 0,
            rmse: 0,
            mae: 0,
            r2: 0,
            mape: 0,
            actual: [],
            predicted: [],
            residuals: [],
          },
          backend: 'cpu',
          durationMs: 5,
          sequence: FORECAST,
        },
      ),
      { onFailure: (code) => failures.push(code), onUnexpected: () => failures.push('x') },
    );
    run.selectDataset(AIR, 'forecast');
    expect(run.forecast.column).toBe('passengers');
    expect(run.forecast.timeColumn).toBe('month');
    await run.start(buildSequenceRequest(AIR, 'u', run.spec, 'cpu'));
    expect(run.history).toHaveLength(1);
    expect(run.samples?.samples).toEqual(['<b>x</b>']);
    expect(run.finished?.result).toEqual(FORECAST);
    expect(run.isBusy).toBe(false);
    expect(failures).toEqual([]);
  });

  it('reports a failed run through the listener', async () => {
    const failures: string[] = [];
    const run = new SequenceRun(
      fakePort([], { status: 'failed', jobId: 1, code: 'error.dataset.tooFewRows' }),
      { onFailure: (code) => failures.push(code), onUnexpected: () => failures.push('x') },
    );
    run.selectDataset(AIR, 'forecast');
    await run.start(buildSequenceRequest(AIR, 'u', run.spec, 'cpu'));
    expect(failures).toEqual(['error.dataset.tooFewRows']);
    expect(run.finished).toBeNull();
  });
});
