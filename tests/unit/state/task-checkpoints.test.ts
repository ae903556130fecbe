/**
 * Sequence and generative runs' checkpoints on the main-thread side, with a fake bridge and a
 * fake checkpoint source: every run asks the worker for checkpoints under its dataset's key at
 * the chosen interval; the offer read after a reload resumes with the interrupted run's own
 * request (told to resume) and brings its settings back; the resumed history and checkpoint news
 * reach the panel; discarding removes the checkpoint.
 */
import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../src/contracts/training';
import type { CheckpointSource, ResumeOffer } from '../../../src/state/checkpoint-offer';
import { GenerativeRun } from '../../../src/state/GenerativeRun.svelte';
import { buildSequenceRequest, defaultForecast } from '../../../src/state/sequence-request';
import { SequenceRun } from '../../../src/state/SequenceRun.svelte';

const AIR = {
  id: 'air_passengers',
  title: 'Air passengers',
  task: 'timeseries',
  target: 'passengers',
  time_column: { name: 'month' },
  features: [],
} as unknown as BuiltinDatasetEntry;

const listener = { onFailure: () => undefined, onUnexpected: () => undefined };

function fakeSource(offers: ResumeOffer[]) {
  const discarded: string[] = [];
  const prefixes: string[] = [];
  const source: CheckpointSource = {
    latest: (prefix) => {
      prefixes.push(prefix);
      const offer = offers.find((o) => o.key.startsWith(prefix) && !discarded.includes(o.key));
      return Promise.resolve(offer ?? null);
    },
    discard: (key) => {
      discarded.push(key);
      return Promise.resolve();
    },
  };
  return { source, discarded, prefixes };
}

function recordingPort(events: TrainingEvent[], outcome: TrainOutcome) {
  const requests: Omit<TrainRequest, 'jobId'>[] = [];
  return {
    requests,
    port: {
      train: (request: Omit<TrainRequest, 'jobId'>, onEvent: (e: TrainingEvent) => void) => {
        requests.push(request);
        for (const event of events) onEvent(event);
        return Promise.resolve(outcome);
      },
      stop: () => Promise.resolve(),
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const epochRecord = (epoch: number) => ({
  epoch,
  trainLoss: 1 / epoch,
  valLoss: 1 / epoch,
  trainMetric: 0.5,
  valMetric: 0.5,
});

describe('sequence run checkpoints', () => {
  it('saves under the dataset key, offers the latest after a reload, and resumes it', async () => {
    const spec = { ...defaultForecast(AIR), epochs: 10 };
    const stored = buildSequenceRequest(AIR, 'air.csv', spec, 'auto');
    const offer: ResumeOffer = {
      key: 'sequence:air_passengers',
      epoch: 4,
      epochs: 10,
      savedAt: 1,
      datasetId: 'air_passengers',
      request: { ...stored, checkpoint: { key: 'sequence:air_passengers', every: 2 } },
    };
    const { source, discarded } = fakeSource([offer]);
    const events: TrainingEvent[] = [
      {
        type: 'resumed',
        jobId: 1,
        epoch: 4,
        history: [1, 2, 3, 4].map(epochRecord),
        reason: 'checkpoint',
      },
      { type: 'checkpoint', jobId: 1, epoch: 6, saved: true },
    ];
    const { port, requests } = recordingPort(events, { status: 'cancelled', jobId: 1 });
    const run = new SequenceRun(port, listener, source);
    await settle();
    expect(run.resumeOffer).toEqual(offer);

    // A plain start carries the checkpoint setting under the dataset's key.
    run.checkpoints.setEvery(3);
    await run.start(buildSequenceRequest(AIR, 'air.csv', spec, 'cpu'));
    expect(requests[0]?.checkpoint).toEqual({ key: 'sequence:air_passengers', every: 3 });
    // An invalid setting saves only at stop rather than failing the run.
    run.checkpoints.setEvery(-1);
    expect(run.checkpoints.everyProblem).toBe('studio.checkpoint.everyInvalid');
    expect(run.checkpoints.requestFor('k')).toEqual({ key: 'k', every: 0 });

    await run.resumeOffered('wasm');
    const resumed = requests[1];
    expect(resumed?.checkpoint).toEqual({ key: 'sequence:air_passengers', every: 2, resume: true });
    expect(resumed?.backend).toBe('wasm');
    expect(resumed?.sequence).toEqual(spec);
    expect(run.datasetId).toBe('air_passengers');
    expect(run.forecast.epochs).toBe(10);
    expect(run.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(run.progress?.epoch).toBe(4);
    expect(run.checkpoints.note).toEqual({
      key: 'studio.checkpoint.saved',
      params: { epoch: 6 },
      isProblem: false,
    });

    await settle();
    await run.checkpoints.discard();
    expect(discarded).toEqual(['sequence:air_passengers']);
    expect(run.resumeOffer).toBeNull();
  });
});

describe('generative run checkpoints', () => {
  it('offers only the chosen dataset, and a resumed run brings back its task and losses', async () => {
    const generative = {
      kind: 'gan' as const,
      hidden: [32, 32],
      latent: 2,
      epochs: 100,
      batchSize: 32,
      learningRate: 0.002,
      beta: 1,
      seed: 0,
      points: { kind: 'spiral' as const, samples: 400, noise: 0.05 },
    };
    const key = 'generative:digits:latest';
    const offer: ResumeOffer = {
      key,
      epoch: 20,
      epochs: 100,
      savedAt: 2,
      datasetId: 'digits',
      request: {
        dataset: {
          id: 'digits',
          url: 'd.csv',
          target: 'label',
          task: 'classification',
          features: [],
        },
        model: {
          hiddenLayers: [],
          activation: 'relu',
          optimizer: 'adam',
          learningRate: 0.01,
          batchSize: 32,
          epochs: 1,
          seed: 0,
        },
        generative,
        split: { train: 0.7, validation: 0.15, test: 0.15 },
        backend: 'auto',
        checkpoint: { key, every: 5 },
      },
    };
    const { source, prefixes } = fakeSource([offer]);
    const losses = { generator: 0.7, discriminator: 1.3, realScore: 0.5, fakeScore: 0.5 };
    const events: TrainingEvent[] = [
      {
        type: 'resumed',
        jobId: 1,
        epoch: 20,
        history: [],
        reason: 'checkpoint',
        generativeHistory: [
          { epoch: 19, ...losses },
          { epoch: 20, ...losses },
        ],
      },
    ];
    const { port, requests } = recordingPort(events, { status: 'cancelled', jobId: 1 });
    const run = new GenerativeRun(port, listener, () => 0, source);
    await settle();
    expect(run.resumeOffer).toBeNull();
    run.offerFor('digits_large');
    await settle();
    expect(run.resumeOffer).toBeNull();
    run.offerFor('digits');
    await settle();
    expect(prefixes).toEqual(['generative:digits_large:', 'generative:digits:']);
    expect(run.resumeOffer?.key).toBe(key);

    await run.resumeOffered('cpu');
    expect(requests[0]?.checkpoint).toEqual({ key, every: 5, resume: true });
    expect(requests[0]?.generative).toEqual(generative);
    expect(run.settings).toMatchObject({ task: 'ganPoints', epochs: 100, distribution: 'spiral' });
    expect(run.resultFor('digits')?.history.map((h) => h.epoch)).toEqual([19, 20]);
    expect(run.checkpoints.note?.key).toBe('studio.resumed.checkpoint');
  });

  it('says which backend took over after a lost device', async () => {
    const events: TrainingEvent[] = [
      {
        type: 'backend',
        jobId: 1,
        backend: {
          name: 'wasm',
          forced: false,
          skipped: [{ name: 'webgpu', reason: 'deviceLost' }],
        },
      },
      {
        type: 'resumed',
        jobId: 1,
        epoch: 5,
        history: [],
        reason: 'deviceLost',
        generativeHistory: [],
      },
    ];
    const { port } = recordingPort(events, { status: 'cancelled', jobId: 1 });
    const run = new GenerativeRun(port, listener, () => 0, null);
    await run.start({
      dataset: {
        id: 'iris',
        url: 'i.csv',
        target: 'species',
        task: 'classification',
        features: [],
      },
      model: {
        hiddenLayers: [],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 32,
        epochs: 1,
        seed: 0,
      },
      generative: {
        kind: 'embedding',
        hidden: [8],
        latent: 2,
        epochs: 10,
        batchSize: 32,
        learningRate: 0.01,
        beta: 1,
        seed: 0,
      },
      split: { train: 0.7, validation: 0.15, test: 0.15 },
      backend: 'auto',
    });
    expect(run.checkpoints.note).toEqual({
      key: 'studio.resumed.deviceLost',
      params: { epoch: 5, backend: 'wasm' },
      isProblem: false,
    });
  });
});
