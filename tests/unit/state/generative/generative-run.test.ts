import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';
import type { GenerativeEpochEvent, GenerativeView } from '../../../../src/contracts/generative';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../../src/contracts/training';
import { GenerativeRun, type GenerativePort } from '../../../../src/state/GenerativeRun.svelte';
import {
  buildGenerativeRequest,
  imageOf,
  isValidSettings,
  presetFor,
  tasksFor,
} from '../../../../src/state/generative-request';
import { lossCharts, scatterGroups } from '../../../../src/components/generative/view-data';

const manifest = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/datasets/manifest.json'), 'utf8'),
) as BuiltinDatasetEntry[];
const byId = (id: string): BuiltinDatasetEntry => {
  const entry = manifest.find((e) => e.id === id);
  if (!entry) throw new Error(id);
  return entry;
};

const PROJECT = {
  model: {
    hiddenLayers: [8],
    activation: 'relu' as const,
    optimizer: 'adam' as const,
    learningRate: 0.01,
    batchSize: 32,
    epochs: 5,
    seed: 9,
  },
  split: { train: 0.7, validation: 0.15, test: 0.15 },
  backendPreference: 'cpu' as const,
  recipe: null,
};

function epochEvent(epoch: number, epochs: number, views: GenerativeView[]): GenerativeEpochEvent {
  return {
    type: 'generated',
    jobId: 1,
    kind: 'vae',
    epoch,
    epochs,
    elapsedMs: epoch * 10,
    losses: { reconstruction: 1 / epoch, kl: epoch },
    views,
  };
}

const scatter = (n: number): GenerativeView => ({
  kind: 'scatter',
  source: 'latent',
  points: new Float32Array(2 * n),
  labels: new Int32Array(n),
  classNames: ['a'],
});

function portOf(
  events: TrainingEvent[],
  outcome: TrainOutcome,
): GenerativePort & { requests: Omit<TrainRequest, 'jobId'>[] } {
  const requests: Omit<TrainRequest, 'jobId'>[] = [];
  return {
    requests,
    train: async (request, onEvent) => {
      requests.push(request);
      events.forEach(onEvent);
      return outcome;
    },
    stop: async () => undefined,
  };
}

describe('generative requests', () => {
  it('offers image tasks only for pixel datasets, and builds a plain request', () => {
    expect(imageOf(byId('digits'))).toEqual({ shape: [8, 8, 1], pixelRange: [0, 16] });
    expect(tasksFor(imageOf(byId('iris')))).toEqual(['embedding', 'ganPoints']);
    expect(tasksFor(imageOf(byId('mnist')))).toContain('vae');
    const request = buildGenerativeRequest(byId('mnist'), '/datasets/mnist.csv', PROJECT, {
      task: 'vae',
      epochs: 4,
      learningRate: 0.003,
      distribution: 'moons',
    });
    expect(request.generative).toMatchObject({
      kind: 'vae',
      latent: 2,
      epochs: 4,
      image: { shape: [28, 28, 1], pixelRange: [0, 255] },
    });
    expect(request.classical).toBeUndefined();
    expect(request.network).toBeUndefined();
    expect(structuredClone(request)).toEqual(request);
    const points = buildGenerativeRequest(byId('iris'), '/iris.csv', PROJECT, {
      task: 'ganPoints',
      epochs: 10,
      learningRate: 0.005,
      distribution: 'spiral',
    });
    expect(points.generative?.points?.kind).toBe('spiral');
    expect(points.generative?.image).toBeUndefined();
  });

  it('sizes presets by image and checks settings', () => {
    const small = presetFor('autoencoder', { shape: [8, 8, 1], pixelRange: [0, 16] }, 1);
    const large = presetFor('autoencoder', { shape: [28, 28, 1], pixelRange: [0, 255] }, 1);
    expect(large.hidden[0]).toBeGreaterThan(small.hidden[0]!);
    const ok = {
      task: 'vae' as const,
      epochs: 10,
      learningRate: 0.01,
      distribution: 'moons' as const,
    };
    expect(isValidSettings(ok)).toBe(true);
    expect(isValidSettings({ ...ok, epochs: 0 })).toBe(false);
    expect(isValidSettings({ ...ok, learningRate: Number.NaN })).toBe(false);
  });
});

describe('GenerativeRun', () => {
  it('keeps every epoch’s losses, the last views and the outcome, for its dataset only', async () => {
    const request = buildGenerativeRequest(byId('digits'), '/digits.csv', PROJECT, {
      task: 'vae',
      epochs: 3,
      learningRate: 0.003,
      distribution: 'moons',
    });
    const outcome: TrainOutcome = {
      status: 'generated',
      jobId: 1,
      kind: 'vae',
      stopped: false,
      epochsRun: 3,
      backend: 'cpu',
      durationMs: 30,
      metrics: { reconstruction: 0.1, baselineReconstruction: 0.2 },
    };
    const events = [1, 2, 3].map((e) => epochEvent(e, 3, [scatter(e)]));
    // A clock that never moves: only the first and the last epoch's views may be applied.
    const run = new GenerativeRun(
      portOf(events, outcome),
      { onFailure: vi.fn(), onUnexpected: vi.fn() },
      () => 0,
    );
    await run.start(request);
    const result = run.resultFor('digits');
    expect(result?.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(result?.views[0]).toMatchObject({ points: new Float32Array(6) });
    expect(result?.outcome?.metrics.reconstruction).toBe(0.1);
    expect(run.resultFor('iris')).toBeNull();
    expect(run.isBusy).toBe(false);
  });

  it('hands failures to the listener', async () => {
    const onFailure = vi.fn();
    const port = portOf([], {
      status: 'failed',
      jobId: 1,
      code: 'error.config.invalid',
      params: { field: 'latent' },
    });
    const run = new GenerativeRun(port, { onFailure, onUnexpected: vi.fn() });
    const request = buildGenerativeRequest(byId('iris'), '/iris.csv', PROJECT, {
      task: 'embedding',
      epochs: 3,
      learningRate: 0.01,
      distribution: 'moons',
    });
    await run.start(request);
    expect(onFailure).toHaveBeenCalledWith('error.config.invalid', { field: 'latent' });
  });
});

describe('generative view data', () => {
  it('groups latent points by class and GAN points as target and generated', () => {
    const groups = scatterGroups(
      {
        kind: 'scatter',
        source: 'latent',
        points: Float32Array.from([0, 1, 2, 3, 4, 5]),
        labels: Int32Array.from([1, 0, 1]),
        classNames: ['zero', 'one', 'two'],
      },
      { rows: 'Rows', real: 'Target', generated: 'Generated' },
    );
    expect(groups).toEqual([
      { name: 'zero', x: [2], y: [3] },
      { name: 'one', x: [0, 4], y: [1, 5] },
    ]);
    const gan = scatterGroups(
      {
        kind: 'scatter',
        source: 'generator',
        points: Float32Array.from([1, 1]),
        labels: null,
        classNames: [],
        real: Float32Array.from([0, 0]),
      },
      { rows: 'Rows', real: 'Target', generated: 'Generated' },
    );
    expect(gan.map((g) => [g.name, g.hollow ?? false])).toEqual([
      ['Target', true],
      ['Generated', false],
    ]);
  });

  it('puts reconstruction and KL on separate charts', () => {
    const charts = lossCharts(
      [{ epoch: 1, reconstruction: 0.2, valReconstruction: 0.3, kl: 4, valKl: 5 }],
      (key) => key,
    );
    expect(charts.map((c) => [c.chart, c.series.map((s) => s.name)])).toEqual([
      ['reconstruction', ['reconstruction', 'valReconstruction']],
      ['kl', ['kl', 'valKl']],
    ]);
  });
});
