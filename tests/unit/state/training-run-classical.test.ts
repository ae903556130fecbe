/**
 * A classical run as the UI follows it: `fit` events become the progress (trees, rounds) and a
 * series of live metrics; the outcome keeps the learner and its insights; a new run clears them.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Evaluation } from '../../../src/contracts/evaluation';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../src/contracts/training';
import {
  appendFitPoint,
  TrainingRun,
  type TrainingPort,
} from '../../../src/state/TrainingRun.svelte';

const REQUEST: Omit<TrainRequest, 'jobId'> = {
  dataset: { id: 'iris', url: 'u', target: 'species', task: 'classification', features: [] },
  model: {
    hiddenLayers: [4],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 8,
    epochs: 2,
    seed: 1,
  },
  classical: { learner: 'gbdt-classifier', params: { maxIter: 3 } },
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

function fit(done: number, metrics?: Record<string, number>): TrainingEvent {
  return {
    type: 'fit',
    jobId: 1,
    stage: 'rounds',
    done,
    total: 3,
    ...(metrics ? { metrics } : {}),
    elapsedMs: done * 10,
    etaMs: (3 - done) * 10,
  };
}

function gatedPort(events: TrainingEvent[], outcome: TrainOutcome) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const port: TrainingPort = {
    async train(_request, onEvent) {
      for (const event of events) onEvent(event);
      await gate;
      return outcome;
    },
    async stop() {},
  };
  return { port, release };
}

describe('TrainingRun with a classical learner', () => {
  it('follows fit events and keeps the outcome’s insights', async () => {
    const outcome: TrainOutcome = {
      status: 'completed',
      jobId: 1,
      epochsRun: 3,
      backend: 'cpu',
      durationMs: 30,
      test: EVALUATION,
      history: [],
      classical: { learner: 'gbdt-classifier', params: { maxIter: 3 } },
      insights: { importances: { kind: 'gain', items: [{ feature: 'a', value: 1 }] } },
    };
    const { port, release } = gatedPort(
      [
        fit(1, { trainLoss: 0.9, validLoss: 1 }),
        fit(2, { trainLoss: 0.5, validLoss: 0.7 }),
        fit(3),
      ],
      outcome,
    );
    const run = new TrainingRun(port, { onFailure: vi.fn(), onUnexpected: vi.fn() });
    const started = run.start(REQUEST);
    await Promise.resolve();
    expect(run.classical?.learner).toBe('gbdt-classifier');
    expect(run.fit).toEqual({ stage: 'rounds', done: 3, total: 3, elapsedMs: 30, etaMs: 0 });
    expect(run.fitSeries).toEqual([
      { done: 1, metrics: { trainLoss: 0.9, validLoss: 1 } },
      { done: 2, metrics: { trainLoss: 0.5, validLoss: 0.7 } },
    ]);
    expect(run.insights).toBeNull();
    release();
    await started;
    expect(run.insights?.importances?.items[0]?.feature).toBe('a');
    expect(run.finished?.classical?.learner).toBe('gbdt-classifier');

    // The next (network) run starts clean.
    const next = gatedPort([], { ...outcome, classical: undefined, insights: undefined });
    const run2 = new TrainingRun(next.port, { onFailure: vi.fn(), onUnexpected: vi.fn() });
    const again = run2.start({ ...REQUEST, classical: undefined });
    await Promise.resolve();
    expect(run2.classical).toBeNull();
    expect(run2.fit).toBeNull();
    next.release();
    await again;
  });

  it('clears fit state between runs of one TrainingRun', async () => {
    const outcome: TrainOutcome = {
      status: 'completed',
      jobId: 1,
      epochsRun: 1,
      backend: 'cpu',
      durationMs: 1,
      test: EVALUATION,
      history: [],
    };
    let events: TrainingEvent[] = [fit(1, { trainLoss: 1 })];
    const port: TrainingPort = {
      async train(_request, onEvent) {
        for (const event of events) onEvent(event);
        return outcome;
      },
      async stop() {},
    };
    const run = new TrainingRun(port, { onFailure: vi.fn(), onUnexpected: vi.fn() });
    await run.start(REQUEST);
    expect(run.fitSeries).toHaveLength(1);
    events = [];
    await run.start({ ...REQUEST, classical: undefined });
    expect(run.fitSeries).toEqual([]);
    expect(run.fit).toBeNull();
    expect(run.classical).toBeNull();
  });

  it('replaces a point at the same step and bounds the series', () => {
    let series = appendFitPoint([], { done: 1, metrics: { inertia: 5 } });
    series = appendFitPoint(series, { done: 1, metrics: { inertia: 4 } });
    expect(series).toEqual([{ done: 1, metrics: { inertia: 4 } }]);
    for (let i = 2; i <= 2100; i++) series = appendFitPoint(series, { done: i, metrics: { x: i } });
    expect(series.length).toBeLessThanOrEqual(2000);
    expect(series.at(-1)?.done).toBe(2100);
  });
});
