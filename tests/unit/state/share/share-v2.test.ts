/**
 * Format 2 of share links: a link written by format 1 is migrated (hide → embed.hide, recipe
 * object → text, stratified split), a trained model travels with its curves, evaluation and
 * weights, and every malformed trained part or recipe is refused with the path named.
 */
import { describe, expect, it } from 'vitest';
import {
  SHARE_VERSION,
  decodeShare,
  encodeShare,
  hiddenFromHash,
  shareHash,
  shareTextFromHash,
} from '../../../../src/state/share/codec';
import { deflate, toBase64Url } from '../../../../src/state/share/compress';
import type { SharedProjectInput } from '../../../../src/state/share/schema';
import type { SharedTrainedInput } from '../../../../src/state/share/trained-schema';
import { decodeWeightData, encodeWeightData } from '../../../../src/state/share/weights';
import { DEFAULT_STEP_OPTIONS, RECIPE_SCHEMA_VERSION } from '../../../../src/core/recipe';

const BASE: Omit<SharedProjectInput, 'v'> = {
  dataset: { kind: 'builtin', id: 'iris' },
  model: {
    hiddenLayers: [16, 8],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 16,
    epochs: 60,
    seed: 42,
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
};

async function pack(version: number, value: unknown): Promise<string> {
  const json = JSON.stringify(value);
  return `${version}.${toBase64Url(await deflate(new TextEncoder().encode(json)))}`;
}

const WEIGHTS = new Float32Array([1, -2, 3.5, 0, 0.25, -1e-3, 0.5, 0.5, -0.5]);

function trained(overrides: Partial<SharedTrainedInput> = {}): SharedTrainedInput {
  return {
    status: 'completed',
    epochsRun: 2,
    durationMs: 120,
    backend: 'cpu',
    engine: 'tiny',
    history: [
      { epoch: 1, trainLoss: 0.7, valLoss: 0.69, trainMetric: 0.5, valMetric: 0.5 },
      { epoch: 2, trainLoss: 0.4, valLoss: 0.45, trainMetric: 0.9, valMetric: 0.85 },
    ],
    test: {
      kind: 'classification',
      n: 2,
      classNames: ['0', '1'],
      confusion: [
        [1, 0],
        [0, 1],
      ],
      roc: [{ classIndex: 1, fpr: [0, 0, 1], tpr: [0, 1, 1], auc: 1 }],
      rocMicro: null,
      rocMacro: null,
      pr: [{ classIndex: 1, precision: [1, 1], recall: [1, 0], ap: 1 }],
      accuracy: 1,
      balancedAccuracy: 1,
      macro: { precision: 1, recall: 1, f1: 1 },
      weighted: { precision: 1, recall: 1, f1: 1 },
      logLoss: 0.1,
      rocAuc: 1,
      mcc: 1,
      kappa: 1,
      brier: 0.01,
      calibration: {
        kind: 'positive-class',
        meanPredicted: [0.1, 0.9],
        fractionPositive: [0, 1],
        counts: [1, 1],
      },
      perClass: [
        { precision: 1, recall: 1, f1: 1, support: 1 },
        { precision: 1, recall: 1, f1: 1, support: 1 },
      ],
      yTrue: [0, 1],
      probs: [0.9, 0.1, 0.2, 0.8],
    },
    model: {
      format: 'tfjs-layers',
      modelTopology: { class_name: 'Sequential', config: { layers: [] } },
      weightSpecs: [
        { name: 'dense/kernel', shape: [2, 3], dtype: 'float32' },
        { name: 'dense/bias', shape: [3], dtype: 'float32' },
      ],
      weightData: encodeWeightData(WEIGHTS.buffer),
    },
    prediction: { features: ['x', 'y'], classNames: ['0', '1'], targetScale: null },
    ...overrides,
  };
}

describe('share format 2', () => {
  it('migrates a format-1 link: hide, recipe object and split strategy', async () => {
    const recipe = {
      schemaVersion: RECIPE_SCHEMA_VERSION,
      steps: [
        {
          id: 'step-1',
          type: 'standardize',
          enabled: true,
          options: DEFAULT_STEP_OPTIONS.standardize,
        },
      ],
    };
    const link = await pack(1, { ...BASE, v: 1, hide: ['train', 'nope'], recipe });
    const decoded = await decodeShare(link);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.migratedFrom).toBe(1);
    expect(decoded.project.v).toBe(SHARE_VERSION);
    expect(decoded.project.embed?.hide).toEqual(['train']);
    expect(decoded.project.splitStrategy).toEqual({ kind: 'stratified' });
    expect(JSON.parse(decoded.project.recipe!)).toMatchObject({ steps: [{ type: 'standardize' }] });
    expect(decoded.project.model).toEqual(BASE.model);
  });

  it('refuses a recipe its parser does not accept, naming it', async () => {
    const bad = await pack(2, { ...BASE, v: 2, recipe: '{"steps":[{"type":"rm -rf"}]}' });
    expect(await decodeShare(bad)).toEqual({
      ok: false,
      code: 'share.error.invalid',
      params: { path: 'recipe' },
    });
  });

  it('carries a trained model: curves, evaluation and exact float32 weights', async () => {
    const input = { ...BASE, name: 'Moons lesson', trained: trained() };
    const decoded = await decodeShare(await encodeShare(input));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok || !decoded.project.trained) throw new Error('no trained part');
    expect(decoded.project.name).toBe('Moons lesson');
    expect(decoded.project.trained.test).toEqual(input.trained.test);
    expect(decoded.project.trained.history).toEqual(input.trained.history);
    expect(decoded.project.trained.prediction).toEqual(input.trained.prediction);
    const model = decoded.project.trained.model!;
    expect(model.weightSpecs.map((spec) => spec.shape)).toEqual([[2, 3], [3]]);
    expect(Array.from(new Float32Array(decodeWeightData(model.weightData)))).toEqual(
      Array.from(WEIGHTS),
    );
  });

  it('reads null metrics (NaN in JSON) back as NaN', async () => {
    const t = trained();
    const link = await pack(2, {
      ...BASE,
      v: 2,
      trained: { ...t, test: { ...t.test, logLoss: null } },
    });
    const decoded = await decodeShare(link);
    expect(decoded.ok && decoded.project.trained?.test.kind === 'classification').toBe(true);
    if (decoded.ok && decoded.project.trained?.test.kind === 'classification') {
      expect(decoded.project.trained.test.logLoss).toBeNaN();
    }
  });

  it('refuses a trained part whose shapes do not agree', async () => {
    const t = trained();
    if (t.test.kind !== 'classification') throw new Error('fixture');
    const cases: [unknown, string][] = [
      [{ ...t, test: { ...t.test, probs: [0.5] } }, 'trained.test'],
      [{ ...t, test: { ...t.test, yTrue: [0, 7] } }, 'trained.test'],
      [{ ...t, test: { ...t.test, confusion: [[1, 0]] } }, 'trained.test'],
      [{ ...t, model: { ...t.model, weightData: 'AAAA' } }, 'trained.model'],
      [{ ...t, model: { ...t.model, weightSpecs: [] } }, 'trained.model'],
      [{ ...t, backend: 'gpu-of-doom' }, 'trained.backend'],
    ];
    for (const [value, path] of cases) {
      const decoded = await decodeShare(await pack(2, { ...BASE, v: 2, trained: value }));
      expect(decoded, path).toEqual({ ok: false, code: 'share.error.invalid', params: { path } });
    }
  });

  it('keeps a project name with HTML as text and refuses an endless one', async () => {
    const name = '<script>alert(1)</script><b>x</b>';
    const decoded = await decodeShare(await encodeShare({ ...BASE, name }));
    expect(decoded.ok && decoded.project.name).toBe(name);
    const long = await decodeShare(await pack(2, { ...BASE, v: 2, name: 'x'.repeat(500) }));
    expect(long).toMatchObject({ ok: false, params: { path: 'name' } });
  });

  it('puts hidden controls beside the payload, where a lesson author can edit them', async () => {
    const text = await encodeShare(BASE);
    const hash = shareHash(text, ['model', 'train']);
    expect(shareTextFromHash(hash)).toBe(text);
    expect(hiddenFromHash(hash)).toEqual(['model', 'train']);
    expect(hiddenFromHash('#p=x&hide=train,<b>,evaluate')).toEqual(['train', 'evaluate']);
    expect(hiddenFromHash('#p=x')).toEqual([]);
  });
});
