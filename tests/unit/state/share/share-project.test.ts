/**
 * Project ⇄ link: the snapshot comes back as it went (model, split, recipe, learner), generated
 * data travels as its generator, imported data as its hash (or not at all without one), and a
 * trained network travels bit-for-bit unless it would make the link too long.
 */
import { describe, expect, it } from 'vitest';
import { decodeShare } from '../../../../src/state/share/codec';
import {
  buildShareText,
  dataNeedOf,
  finishedRunOf,
  MAX_MODEL_LINK_CHARS,
  snapshotOfShared,
  type ShareInput,
} from '../../../../src/state/share/share-project';
import { snapshotOf } from '../../../../src/state/project-snapshot';
import { DEFAULT_MLP, DEFAULT_SPLIT } from '../../../../src/state/Project.svelte';
import type { TrainOutcome } from '../../../../src/contracts/training';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';

type FinishedRun = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

const irisSnapshot = snapshotOf({
  datasetId: 'iris',
  recipe: null,
  split: DEFAULT_SPLIT,
  splitStrategy: { kind: 'random' },
  model: { ...DEFAULT_MLP, hiddenLayers: [8], seed: 7 },
  classical: null,
  network: null,
});

function input(overrides: Partial<ShareInput> = {}): ShareInput {
  return {
    snapshot: irisSnapshot,
    entry: undefined,
    generator: null,
    datasetHash: null,
    finished: null,
    hide: [],
    ...overrides,
  };
}

function finished(weights: Float32Array): FinishedRun {
  return {
    status: 'completed',
    jobId: 3,
    epochsRun: 1,
    history: [{ epoch: 1, trainLoss: 0.123456789, valLoss: 0.2, trainMetric: 0.9, valMetric: 0.8 }],
    test: {
      kind: 'regression',
      n: 2,
      mse: 0.5,
      rmse: Math.SQRT1_2,
      mae: 0.5,
      r2: Number.NaN,
      mape: 0.1,
      actual: [1, 2],
      predicted: [1.5, 1.5],
      residuals: [-0.5, 0.5],
    },
    backend: 'cpu',
    engine: 'tiny',
    durationMs: 12.6,
    trainedModel: {
      format: 'tfjs-layers',
      modelTopology: { class_name: 'Sequential' },
      weightSpecs: [{ name: 'w', shape: [weights.length], dtype: 'float32' }],
      weightData: weights.slice().buffer,
    },
    prediction: { features: ['x', 'y'], classNames: [], targetScale: { mean: 1, std: 2 } },
  };
}

const storedEntry = {
  id: 'stored:abc:classification:label',
  title: 'My <b>data</b>',
  task: 'classification',
  target: 'label',
  rows: 400,
  columns: 3,
  source: { registry: 'indexeddb', path: 'abc' },
} as unknown as BuiltinDatasetEntry;

describe('share links of a project', () => {
  it('round-trips the snapshot of a shipped dataset', async () => {
    const built = await buildShareText(input({ name: 'Iris lesson', hide: ['data'] }));
    if (!built.ok) throw new Error(built.code);
    expect(built.model).toBe('none');
    const decoded = await decodeShare(built.text);
    if (!decoded.ok) throw new Error(decoded.code);
    const need = dataNeedOf(decoded.project.dataset);
    expect(need).toEqual({ kind: 'ready', datasetId: 'iris' });
    const back = snapshotOfShared(decoded.project, 'iris', { kind: 'builtin', id: 'iris' });
    expect(back).toEqual(irisSnapshot);
    expect(decoded.project.embed?.hide).toEqual(['data']);
    expect(decoded.project.name).toBe('Iris lesson');
  });

  it('names generated data by its generator and imported data by its hash', async () => {
    const stored = snapshotOf(
      { ...irisSnapshot, recipe: null, datasetId: storedEntry.id },
      storedEntry,
    );
    const generator = { kind: 'moons' as const, samples: 400, noise: 0.1, seed: 7 };
    const asGenerated = await buildShareText(
      input({ snapshot: stored, entry: storedEntry, generator }),
    );
    const decodedGen = asGenerated.ok ? await decodeShare(asGenerated.text) : null;
    expect(decodedGen?.ok && dataNeedOf(decodedGen.project.dataset)).toEqual({
      kind: 'generate',
      settings: generator,
      task: 'classification',
    });

    expect(await buildShareText(input({ snapshot: stored, entry: storedEntry }))).toEqual({
      ok: false,
      code: 'share.error.noHash',
    });
    const sha256 = 'ab'.repeat(32);
    const asImported = await buildShareText(
      input({ snapshot: stored, entry: storedEntry, datasetHash: sha256 }),
    );
    const decodedImp = asImported.ok ? await decodeShare(asImported.text) : null;
    expect(decodedImp?.ok && dataNeedOf(decodedImp.project.dataset)).toEqual({
      kind: 'attach',
      name: 'My <b>data</b>',
      sha256,
      rows: 400,
      columns: 3,
      target: 'label',
      task: 'classification',
    });
  });

  it('carries a small trained network exactly, and leaves out one too large for a link', async () => {
    const small = new Float32Array([0.1, -0.2, 3.25, 1e-7]);
    const built = await buildShareText(input({ finished: finished(small) }));
    if (!built.ok) throw new Error(built.code);
    expect(built.model).toBe('included');
    const decoded = await decodeShare(built.text);
    if (!decoded.ok || !decoded.project.trained) throw new Error('no model');
    const run = finishedRunOf(decoded.project.trained);
    expect(Array.from(new Float32Array(run.trainedModel!.weightData))).toEqual(Array.from(small));
    expect(run.history[0]!.trainLoss).toBe(0.123457);
    expect(run.test.kind === 'regression' && run.test.r2).toBeNaN();
    expect(run.prediction).toEqual({
      features: ['x', 'y'],
      classNames: [],
      targetScale: { mean: 1, std: 2 },
    });

    // Random float32 bytes barely compress: 20 k weights is ~107 k characters of base64.
    const big = new Float32Array(20_000).map((_, i) => Math.sin(i * 12.9898) * 43758.5453);
    const tooBig = await buildShareText(input({ finished: finished(big) }));
    expect(tooBig.ok && tooBig.model).toBe('tooLarge');
    expect(tooBig.ok && tooBig.text.length).toBeLessThan(MAX_MODEL_LINK_CHARS);
  });
});
