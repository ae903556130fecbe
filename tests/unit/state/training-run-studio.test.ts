/**
 * TrainingRun for builder networks: pause, resume and single steps reach the port only when
 * they mean something; checkpoint news and a resume show in the run; the "resume from epoch N"
 * offer is read at start and after each run, hidden while one is busy, and can be discarded.
 */
import { describe, expect, it } from 'vitest';
import type {
  EpochRecord,
  TrainOutcome,
  TrainRequest,
  TrainingEvent,
} from '../../../src/contracts/training';
import type { CheckpointSource, ResumeOffer } from '../../../src/state/checkpoint-offer';
import { TrainingRun, type TrainingPort } from '../../../src/state/TrainingRun.svelte';

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
    epochs: 60,
    seed: 1,
  },
  network: {
    spec: { inputShape: [4], layers: [] },
    training: {
      loss: 'sparseCategoricalCrossentropy',
      huberDelta: 1,
      optimizer: { name: 'adam', beta1: 0.9, beta2: 0.999 },
      learningRate: 0.01,
      schedule: { kind: 'constant' },
      regularization: { l1: 0, l2: 0 },
      earlyStopping: { enabled: false, monitor: 'valLoss', patience: 5, restoreBest: false },
      clipNorm: 0,
      batchSize: 16,
      epochs: 12,
      seed: 1,
    },
  },
  checkpoint: { key: 'network:iris:species', every: 2 },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  backend: 'cpu',
};

const record = (epoch: number): EpochRecord => ({
  epoch,
  trainLoss: 1 / epoch,
  valLoss: 1,
  trainMetric: 0.5,
  valMetric: 0.5,
});
const epochEvent = (epoch: number): TrainingEvent => ({
  type: 'epoch',
  jobId: 1,
  epochs: 12,
  samplesPerSecond: 100,
  elapsedMs: 10,
  etaMs: 10,
  ...record(epoch),
});
const PREPARED: TrainingEvent = {
  type: 'prepared',
  jobId: 1,
  summary: {
    rowsTotal: 150,
    rowsDroppedMissing: 0,
    rowsUsed: 150,
    split: { train: 90, validation: 30, test: 30 },
    featureCount: 4,
    numericFeatures: [],
    categoricalFeatures: [],
    parameterCount: 15,
  },
};

/** A port that hands the test its event sink and finishes when told. */
function controllablePort() {
  const calls: string[] = [];
  let emit: (event: TrainingEvent) => void = () => undefined;
  let finish: (outcome: TrainOutcome) => void = () => undefined;
  const port: TrainingPort = {
    train: (_request, onEvent) => {
      emit = onEvent;
      return new Promise<TrainOutcome>((resolve) => (finish = resolve));
    },
    stop: () => Promise.resolve(),
    pause: () => calls.push('pause'),
    resume: () => calls.push('resume'),
    step: (kind) => calls.push(`step:${kind}`),
  };
  return {
    port,
    calls,
    emit: (e: TrainingEvent) => emit(e),
    finish: (o: TrainOutcome) => finish(o),
  };
}

const listener = {
  onFailure: () => undefined,
  onUnexpected: (e: unknown) => {
    throw e;
  },
};
const tick = () => new Promise((r) => setTimeout(r, 0));

function offer(epoch: number): ResumeOffer {
  return {
    key: 'network:-:iris:species',
    epoch,
    epochs: 12,
    savedAt: 1,
    datasetId: 'iris',
    request: REQUEST,
  };
}

function fakeSource(initial: ResumeOffer | null) {
  let current = initial;
  const discarded: string[] = [];
  const prefixes: string[] = [];
  const source: CheckpointSource = {
    latest: (prefix) => {
      prefixes.push(prefix);
      return Promise.resolve(current && current.key.startsWith(prefix) ? current : null);
    },
    discard: (key) => {
      discarded.push(key);
      current = null;
      return Promise.resolve();
    },
  };
  return { source, discarded, prefixes, set: (o: ResumeOffer | null) => (current = o) };
}

describe('TrainingRun: builder controls', () => {
  it('pauses, steps and resumes only while a builder network trains', async () => {
    const { port, calls, emit, finish } = controllablePort();
    const run = new TrainingRun(port, listener, null);
    run.pause();
    expect(calls).toEqual([]);
    const done = run.start(REQUEST);
    expect(run.epochsPlanned).toBe(12);
    expect(run.isBuilderRun).toBe(true);
    expect(run.canPause).toBe(false); // still preparing
    emit(PREPARED);
    expect(run.canPause).toBe(true);
    expect(run.canStep).toBe(false);
    run.step('batch');
    expect(calls).toEqual([]);
    run.pause();
    expect(run.isPaused).toBe(true);
    expect(run.canPause).toBe(false);
    run.step('batch');
    run.step('epoch');
    run.resume();
    expect(run.isPaused).toBe(false);
    expect(calls).toEqual(['pause', 'step:batch', 'step:epoch', 'resume']);
    run.pause();
    finish({ status: 'cancelled', jobId: 1 });
    await done;
    expect(run.isPaused).toBe(false);
    expect(run.canStep).toBe(false);
  });

  it('never offers the controls to an MLP or classical run', async () => {
    const { port, calls, emit, finish } = controllablePort();
    const run = new TrainingRun(port, listener, null);
    const { network: _n, checkpoint: _c, ...mlp } = REQUEST;
    const done = run.start(mlp);
    emit(PREPARED);
    run.pause();
    expect(run.isBuilderRun).toBe(false);
    expect(calls).toEqual([]);
    finish({ status: 'cancelled', jobId: 1 });
    await done;
  });

  it('shows checkpoint news, a full quota as a problem, and a resumed history', async () => {
    const { port, emit, finish } = controllablePort();
    const run = new TrainingRun(port, listener, null);
    const done = run.start(REQUEST);
    emit(PREPARED);
    emit({
      type: 'resumed',
      jobId: 1,
      epoch: 4,
      history: [1, 2, 3, 4].map(record),
      reason: 'checkpoint',
    });
    expect(run.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4]);
    expect(run.checkpointNote).toMatchObject({
      key: 'studio.resumed.checkpoint',
      params: { epoch: 4 },
    });
    emit(epochEvent(5));
    emit(epochEvent(6));
    emit({ type: 'checkpoint', jobId: 1, epoch: 6, saved: false, code: 'error.storage.quota' });
    expect(run.checkpointNote).toMatchObject({ key: 'studio.checkpoint.quota', isProblem: true });
    // A lost device: the run goes back to its epoch-4 checkpoint on another backend.
    emit({
      type: 'backend',
      jobId: 1,
      backend: { name: 'wasm', forced: false, skipped: [{ name: 'webgpu', reason: 'deviceLost' }] },
    });
    emit({
      type: 'resumed',
      jobId: 1,
      epoch: 4,
      history: [1, 2, 3, 4].map(record),
      reason: 'deviceLost',
    });
    expect(run.checkpointNote).toMatchObject({
      key: 'studio.resumed.deviceLost',
      params: { backend: 'wasm' },
    });
    emit(epochEvent(5));
    expect(run.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5]);
    finish({ status: 'cancelled', jobId: 1 });
    await done;
  });

  it('reads the resume offer at start and after a run, hides it while busy, discards it', async () => {
    const { source, discarded, set } = fakeSource(offer(3));
    const { port, emit, finish } = controllablePort();
    const run = new TrainingRun(port, listener, source);
    await tick();
    expect(run.resumeOffer?.epoch).toBe(3);
    const done = run.start(REQUEST);
    emit(PREPARED);
    expect(run.resumeOffer).toBeNull();
    set(offer(8));
    finish({ status: 'cancelled', jobId: 1 });
    await done;
    await tick();
    expect(run.resumeOffer?.epoch).toBe(8);
    await run.discardOffer();
    expect(discarded).toEqual(['network:-:iris:species']);
    expect(run.resumeOffer).toBeNull();
  });

  it('offers only the open project’s checkpoints', async () => {
    const { source, prefixes, set } = fakeSource(offer(3));
    const run = new TrainingRun(controllablePort().port, listener, source);
    await tick();
    expect(run.resumeOffer?.epoch).toBe(3);
    run.setOfferProject('p1');
    await tick();
    expect(run.resumeOffer).toBeNull();
    set({ ...offer(5), key: 'network:p1:iris:species' });
    await run.refreshOffer();
    expect(run.resumeOffer?.epoch).toBe(5);
    expect(prefixes).toEqual(['network:-:', 'network:p1:', 'network:p1:']);
  });
});
