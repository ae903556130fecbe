/**
 * Share links carrying a classical learner: the choice round-trips, missing parameters take the
 * catalogue defaults, and a tampered learner key or an out-of-range value refuses the whole
 * link with the path of the bad setting (never a silently different model).
 */
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare } from '../../../../src/state/share/codec';
import { deflate, toBase64Url } from '../../../../src/state/share/compress';
import type { SharedProjectInput } from '../../../../src/state/share/schema';
import { CLASSICAL_LEARNERS, findLearner } from '../../../../src/core/classical-catalog';

const BASE: SharedProjectInput = {
  v: 3,
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

async function packRaw(value: unknown): Promise<string> {
  const json = JSON.stringify(value);
  return `2.${toBase64Url(await deflate(new TextEncoder().encode(json)))}`;
}

describe('share links with a classical learner', () => {
  it('round-trips every learner with its defaults', async () => {
    for (const info of CLASSICAL_LEARNERS) {
      const project = { ...BASE, classical: { learner: info.key, params: { ...info.defaults } } };
      const decoded = await decodeShare(await encodeShare(project));
      expect(decoded.ok, info.key).toBe(true);
      if (decoded.ok) expect(decoded.project.classical).toEqual(project.classical);
    }
  });

  it('keeps edited values, nulls and special strings', async () => {
    const classical = {
      learner: 'svm',
      params: { kernel: 'linear', c: 12.5, gamma: 'scale' },
    };
    const tree = {
      learner: 'decision-tree-classifier',
      params: {
        criterion: 'entropy',
        maxDepth: null,
        minSamplesSplit: 4,
        minSamplesLeaf: 2,
        seed: 7,
      },
    };
    for (const spec of [classical, tree]) {
      const decoded = await decodeShare(await encodeShare({ ...BASE, classical: spec }));
      expect(decoded.ok).toBe(true);
      if (decoded.ok) expect(decoded.project.classical).toEqual(spec);
    }
  });

  it('fills missing parameters with defaults and drops unknown ones', async () => {
    const link = await packRaw({
      ...BASE,
      classical: { learner: 'random-forest-classifier', params: { nEstimators: 20, bogus: 1 } },
    });
    const decoded = await decodeShare(link);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const defaults = findLearner('random-forest-classifier')!.defaults;
    expect(decoded.project.classical).toEqual({
      learner: 'random-forest-classifier',
      params: { ...defaults, nEstimators: 20 },
    });
  });

  it('treats an absent or null choice as the neural network', async () => {
    const absent = await decodeShare(await encodeShare(BASE));
    const nulled = await decodeShare(await encodeShare({ ...BASE, classical: null }));
    expect(absent.ok && absent.project.classical).toBeUndefined();
    expect(nulled.ok && nulled.project.classical).toBeNull();
  });

  it('refuses a tampered learner key, naming the setting', async () => {
    const link = await packRaw({ ...BASE, classical: { learner: 'rm -rf', params: {} } });
    const decoded = await decodeShare(link);
    expect(decoded).toEqual({
      ok: false,
      code: 'share.error.invalid',
      params: { path: 'classical.learner' },
    });
  });

  it('refuses an out-of-range, mistyped or unknown-choice parameter instead of clamping', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['random-forest-classifier', { nEstimators: 5000 }, 'classical.params.nEstimators'],
      ['random-forest-classifier', { nEstimators: 2.5 }, 'classical.params.nEstimators'],
      ['decision-tree-classifier', { maxDepth: 0 }, 'classical.params.maxDepth'],
      ['decision-tree-classifier', { criterion: 'chaos' }, 'classical.params.criterion'],
      ['svm', { gamma: 'auto' }, 'classical.params.gamma'],
      ['svm', { c: -1 }, 'classical.params.c'],
      ['gbdt-classifier', { earlyStopping: 'yes' }, 'classical.params.earlyStopping'],
      ['logistic-regression', { c: null }, 'classical.params.c'],
    ];
    for (const [learner, params, path] of cases) {
      const decoded = await decodeShare(await packRaw({ ...BASE, classical: { learner, params } }));
      expect(decoded, `${learner} ${JSON.stringify(params)}`).toEqual({
        ok: false,
        code: 'share.error.invalid',
        params: { path },
      });
    }
  });
});
