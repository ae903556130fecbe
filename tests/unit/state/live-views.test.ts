import { describe, expect, it } from 'vitest';
import type { DecisionBoundaryView, LiveViewsEvent } from '../../../src/contracts/live-views';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../src/contracts/training';
import { LiveViews, withLiveViews, ALL_LIVE_VIEWS } from '../../../src/state/LiveViews.svelte';
import type { TrainingPort } from '../../../src/state/TrainingRun.svelte';
import type { RunSummary } from '../../../src/state/RunHistory.svelte';

function boundary(correct: number): DecisionBoundaryView {
  return {
    steps: 1,
    classes: 2,
    bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
    probabilities: Float32Array.of(0.5, 0.5),
    train: { xy: new Float32Array(0), labels: new Int32Array(0) },
    test: { xy: new Float32Array(0), labels: new Int32Array(0) },
    trainCorrect: correct,
    trainTotal: 10,
    testCorrect: 0,
    testTotal: 0,
  };
}

const liveEvent = (epoch: number): LiveViewsEvent => ({
  type: 'live',
  jobId: 1,
  epoch,
  epochs: 9,
  boundary: boundary(epoch),
  weights: [{ layer: 0, name: 'w', edges: [0, 1], counts: [3] }],
});

describe('LiveViews', () => {
  it('publishes a burst of events once, on the next frame', () => {
    const frames: (() => void)[] = [];
    const live = new LiveViews(async () => null, { schedule: (f) => frames.push(f) });
    live.begin('moons', 'label');
    expect(live.accept(liveEvent(1))).toBe(true);
    expect(live.accept(liveEvent(2))).toBe(true);
    const batch: TrainingEvent = {
      type: 'batch',
      jobId: 1,
      epoch: 2,
      batch: 1,
      batchesPerEpoch: 4,
      step: 5,
      loss: 0.7,
      smoothedLoss: 0.6,
      samplesPerSecond: 1,
      elapsedMs: 1,
      etaMs: 1,
    };
    // Batch events still reach the run's own progress.
    expect(live.accept(batch)).toBe(false);
    expect(frames).toHaveLength(1);
    expect(live.boundary).toBeNull();
    frames[0]!();
    expect(live.boundary?.epoch).toBe(2);
    expect(live.snapshots.map((s) => s.epoch)).toEqual([1, 2]);
    expect(live.batches).toEqual([{ x: 1.25, loss: 0.7 }]);
    const epoch: TrainingEvent = {
      type: 'epoch',
      jobId: 1,
      epochs: 9,
      epoch: 1,
      trainLoss: 0.5,
      valLoss: 0.6,
      trainMetric: 0.8,
      valMetric: 0.7,
      learningRate: 0.01,
      samplesPerSecond: 1,
      elapsedMs: 1,
      etaMs: 1,
    };
    expect(live.accept(epoch)).toBe(false);
    expect(live.accept({ ...epoch, epoch: 2 })).toBe(false);
    expect(live.history).toEqual([]);
    frames[1]!();
    expect(live.history.map((r) => [r.epoch, r.learningRate])).toEqual([
      [1, 0.01],
      [2, 0.01],
    ]);
  });

  it('asks every run for live views and keeps their events from the run', async () => {
    const live = new LiveViews(async () => null, { schedule: (f) => f() });
    let seen: Omit<TrainRequest, 'jobId'> | null = null;
    const port = {
      async train(request, onEvent) {
        seen = request;
        onEvent(liveEvent(1));
        onEvent({ type: 'done', jobId: 1 });
        return { status: 'cancelled', jobId: 1 } satisfies TrainOutcome;
      },
      async stop() {},
      extra: () => 'kept',
    } satisfies TrainingPort & { extra: () => string };
    const wrapped = withLiveViews(port, live);
    const passed: TrainingEvent[] = [];
    await wrapped.train(
      { dataset: { id: 'moons', target: 'label' } } as Omit<TrainRequest, 'jobId'>,
      (e) => passed.push(e),
    );
    expect(seen!.liveViews).toEqual(ALL_LIVE_VIEWS);
    expect(passed.map((e) => e.type)).toEqual(['done']);
    expect(live.boundary?.view.trainCorrect).toBe(1);
    expect(wrapped.extra()).toBe('kept');
  });

  it('overlays earlier runs of the same data and target only', async () => {
    let t = 1000;
    const live = new LiveViews(
      async (id) => ({
        id,
        history: [{ epoch: 1, trainLoss: 1, valLoss: 1, trainMetric: 0, valMetric: 0 }],
        test: {} as never,
      }),
      { schedule: (f) => f(), now: () => t },
    );
    live.begin('moons', 'label');
    t = 5000;
    const summary = (id: string, datasetId: string, createdAt: number) =>
      ({ id, createdAt, name: '', dataset: { id: datasetId, target: 'label' } }) as RunSummary;
    await live.showOverlays([
      summary('later', 'moons', 2000),
      summary('other', 'iris', 500),
      summary('earlier', 'moons', 500),
    ]);
    expect(live.overlays.map((o) => o.id)).toEqual(['earlier']);
    live.begin('moons', 'label');
    expect(live.overlays.map((o) => o.id)).toEqual(['earlier']);
    live.begin('iris', 'species');
    expect(live.overlays).toEqual([]);
    live.hideOverlays();
    expect(live.overlays).toEqual([]);
  });
});
