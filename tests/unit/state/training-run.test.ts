import { describe, expect, it, vi } from 'vitest';
import type { Evaluation } from '../../../src/contracts/evaluation';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../src/contracts/training';
import {
  appendThinned,
  TrainingRun,
  type BatchPoint,
  type TrainingPort,
} from '../../../src/state/TrainingRun.svelte';

const REQUEST: Omit<TrainRequest, 'jobId'> = {
  dataset: {
    id: 'iris',
    url: 'http://x/iris.csv',
    target: 'species',
    task: 'classification',
    features: [],
  },
  model: {
    hiddenLayers: [4],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 8,
    epochs: 2,
    seed: 1,
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  backend: 'cpu',
};

const EVALUATION: Evaluation = {
  kind: 'regression',
  n: 1,
  mse: 1,
  rmse: 1,
  mae: 1,
  r2: 0,
  mape: 1,
  actual: [1],
  predicted: [2],
  residuals: [-1],
};

/** A port whose train() is driven step by step by the test. */
function scriptedPort(events: TrainingEvent[], outcome: TrainOutcome) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const port: TrainingPort & { stopCalls: number } = {
    stopCalls: 0,
    async train(_request, onEvent) {
      for (const event of events) onEvent(event);
      await gate;
      return outcome;
    },
    async stop() {
      port.stopCalls += 1;
      release();
    },
  };
  return { port, release };
}

describe('TrainingRun', () => {
  it('follows events into progress, history and validation, then settles', async () => {
    const events: TrainingEvent[] = [
      { type: 'backend', jobId: 1, backend: { name: 'cpu', forced: true, skipped: [] } },
      {
        type: 'prepared',
        jobId: 1,
        summary: {
          rowsTotal: 150,
          rowsDroppedMissing: 0,
          rowsUsed: 150,
          split: { train: 90, validation: 30, test: 30 },
          featureCount: 4,
          numericFeatures: ['a'],
          categoricalFeatures: [],
          parameterCount: 10,
        },
      },
      {
        type: 'batch',
        jobId: 1,
        epoch: 1,
        batch: 6,
        batchesPerEpoch: 12,
        step: 6,
        loss: 1,
        smoothedLoss: 0.9,
        samplesPerSecond: 100,
        elapsedMs: 10,
        etaMs: 20,
      },
      {
        type: 'epoch',
        jobId: 1,
        epoch: 1,
        epochs: 2,
        samplesPerSecond: 100,
        elapsedMs: 20,
        etaMs: 20,
        trainLoss: 0.8,
        valLoss: 0.9,
        trainMetric: 0.5,
        valMetric: 0.4,
      },
      { type: 'eval', jobId: 1, epoch: 1, split: 'validation', evaluation: EVALUATION },
    ];
    const outcome: TrainOutcome = {
      status: 'completed',
      jobId: 1,
      epochsRun: 2,
      backend: 'cpu',
      durationMs: 40,
      test: EVALUATION,
      history: [
        { epoch: 1, trainLoss: 0.8, valLoss: 0.9, trainMetric: 0.5, valMetric: 0.4 },
        { epoch: 2, trainLoss: 0.6, valLoss: 0.7, trainMetric: 0.7, valMetric: 0.6 },
      ],
    };
    const { port, release } = scriptedPort(events, outcome);
    const run = new TrainingRun(port, { onFailure: vi.fn(), onUnexpected: vi.fn() });

    const started = run.start(REQUEST);
    await Promise.resolve();
    expect(run.status).toBe('training');
    expect(run.isBusy).toBe(true);
    expect(run.backend?.name).toBe('cpu');
    expect(run.summary?.split.test).toBe(30);
    expect(run.batchLoss).toEqual([{ x: 0.5, loss: 0.9 }]);
    expect(run.history).toHaveLength(1);
    expect(run.progress?.epoch).toBe(1);
    expect(run.validation?.epoch).toBe(1);

    release();
    await started;
    expect(run.status).toBe('idle');
    expect(run.finished?.status).toBe('completed');
    expect(run.history).toHaveLength(2);
  });

  it('reports expected failures through the listener and returns to idle', async () => {
    const failed: TrainOutcome = {
      status: 'failed',
      jobId: 1,
      code: 'error.training.nanLoss',
      params: { epoch: 3 },
    };
    const { port, release } = scriptedPort([], failed);
    const onFailure = vi.fn();
    const run = new TrainingRun(port, { onFailure, onUnexpected: vi.fn() });
    const started = run.start(REQUEST);
    release();
    await started;
    expect(onFailure).toHaveBeenCalledWith('error.training.nanLoss', { epoch: 3 });
    expect(run.status).toBe('idle');
    expect(run.finished).toBeNull();
  });

  it('stop() asks the port to stop and a cancelled outcome leaves no result', async () => {
    const { port } = scriptedPort([], { status: 'cancelled', jobId: 1 });
    const run = new TrainingRun(port, { onFailure: vi.fn(), onUnexpected: vi.fn() });
    const started = run.start(REQUEST);
    await run.stop();
    await started;
    expect(port.stopCalls).toBe(1);
    expect(run.status).toBe('idle');
    expect(run.finished).toBeNull();
  });

  it('ignores a second start while busy', async () => {
    const { port, release } = scriptedPort([], { status: 'cancelled', jobId: 1 });
    const train = vi.spyOn(port, 'train');
    const run = new TrainingRun(port, { onFailure: vi.fn(), onUnexpected: vi.fn() });
    const first = run.start(REQUEST);
    await run.start(REQUEST);
    release();
    await first;
    expect(train).toHaveBeenCalledTimes(1);
  });

  it('routes a thrown error to onUnexpected', async () => {
    const port: TrainingPort = {
      train: () => Promise.reject(new Error('boom')),
      stop: () => Promise.resolve(),
    };
    const onUnexpected = vi.fn();
    const run = new TrainingRun(port, { onFailure: vi.fn(), onUnexpected });
    await run.start(REQUEST);
    expect(onUnexpected).toHaveBeenCalledOnce();
    expect(run.status).toBe('idle');
  });
});

describe('appendThinned', () => {
  it('keeps the series bounded and keeps the newest point', () => {
    let series: BatchPoint[] = [];
    for (let i = 0; i < 10_000; i++) series = appendThinned(series, { x: i, loss: i });
    expect(series.length).toBeLessThanOrEqual(2000);
    expect(series.at(-1)).toEqual({ x: 9999, loss: 9999 });
    expect(series[0]).toEqual({ x: 0, loss: 0 });
  });
});
