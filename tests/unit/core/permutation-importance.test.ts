import { describe, expect, it } from 'vitest';
import type { FeatureImportances } from '../../../src/contracts/insights';
import { accuracy, meanSquaredError } from '../../../src/core/metrics';
import { permutationImportance, type PredictFn } from '../../../src/core/permutation-importance';
import { createRng } from '../../../src/core/rng';

/** 200 rows: x0 decides the class, x1 is noise the model never reads. */
function fixture() {
  const rng = createRng(7);
  const n = 200;
  const x0 = Array.from({ length: n }, () => rng() * 2 - 1);
  const x1 = Array.from({ length: n }, () => rng() * 2 - 1);
  const yTrue = x0.map((v) => (v > 0 ? 1 : 0));
  return { x0, x1, yTrue };
}

/** A classifier that thresholds the first column and ignores every other one. */
const firstColumnOnly: PredictFn = (columns) => Array.from(columns[0]!, (v) => (v > 0 ? 1 : 0));

describe('permutationImportance', () => {
  it('gives exactly 0 to a feature the model ignores and a large drop to the one it uses', async () => {
    const { x0, x1, yTrue } = fixture();
    const result = await permutationImportance({
      columns: [x0, x1],
      featureNames: ['signal', 'noise'],
      yTrue,
      predict: firstColumnOnly,
      score: accuracy,
      repeats: 5,
      seed: 1,
    });
    if (result.status !== 'completed') throw new Error('expected a completed run');
    expect(result.baseline).toBe(1);
    const [signal, noise] = result.scores;
    expect(noise).toMatchObject({ feature: 'noise', mean: 0, std: 0, drops: [0, 0, 0, 0, 0] });
    // Shuffling the only informative column leaves a coin flip: accuracy near 0.5.
    expect(signal!.mean).toBeGreaterThan(0.35);
    expect(signal!.mean).toBeLessThan(0.65);
    expect(signal!.std).toBeGreaterThan(0);
    expect(result.importances.items.map((i) => i.feature)).toEqual(['signal', 'noise']);
    const typed: FeatureImportances = result.importances;
    expect(typed.kind).toBe('permutation');
  });

  it('is reproducible for a seed, differs across seeds, and leaves the inputs untouched', async () => {
    const { x0, x1, yTrue } = fixture();
    const before = [...x0];
    const run = (seed: number) =>
      permutationImportance({
        columns: [x0, x1],
        featureNames: ['a', 'b'],
        yTrue,
        predict: firstColumnOnly,
        score: accuracy,
        repeats: 3,
        seed,
      });
    const [first, again, other] = await Promise.all([run(3), run(3), run(4)]);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
    expect(x0).toEqual(before);
  });

  it('treats a rising error as a drop when greater is not better (regression, async predict)', async () => {
    const { x0, x1 } = fixture();
    const yTrue = x0.map((v) => 3 * v);
    const result = await permutationImportance({
      columns: [x0, x1],
      featureNames: ['x0', 'x1'],
      yTrue,
      predict: async (columns) => Array.from(columns[0]!, (v) => 3 * v),
      score: meanSquaredError,
      greaterIsBetter: false,
      repeats: 4,
      seed: 9,
    });
    if (result.status !== 'completed') throw new Error('expected a completed run');
    expect(result.baseline).toBe(0);
    expect(result.scores[0]!.mean).toBeGreaterThan(1);
    expect(result.scores[1]!.mean).toBe(0);
  });

  it('clamps a chance negative mean to 0 in the chart items but keeps it in the scores', async () => {
    const yTrue = [0, 1, 0, 1];
    // The score improves whenever the column is disturbed: a negative importance.
    const result = await permutationImportance({
      columns: [[1, 2, 3, 4]],
      featureNames: ['x'],
      yTrue,
      predict: (columns) => Array.from(columns[0]!),
      score: (_y, pred) => (pred[0] === 1 ? 0 : 1),
      repeats: 8,
      seed: 2,
    });
    if (result.status !== 'completed') throw new Error('expected a completed run');
    expect(result.scores[0]!.mean).toBeLessThan(0);
    expect(result.importances.items[0]!.value).toBe(0);
  });

  it('reports progress and stops when asked', async () => {
    const { x0, x1, yTrue } = fixture();
    const progress: number[] = [];
    const result = await permutationImportance({
      columns: [x0, x1],
      featureNames: ['a', 'b'],
      yTrue,
      predict: firstColumnOnly,
      score: accuracy,
      repeats: 5,
      seed: 1,
      onProgress: (done, total) => progress.push(done / total),
      shouldStop: () => progress.length >= 3,
    });
    expect(result).toEqual({ status: 'cancelled' });
    expect(progress).toHaveLength(3);
  });

  it('rejects inputs that do not line up', async () => {
    const base = {
      featureNames: ['a'],
      yTrue: [0, 1, 1],
      predict: firstColumnOnly,
      score: accuracy,
      seed: 1,
    };
    await expect(permutationImportance({ ...base, columns: [[1, 2]] })).rejects.toThrow(RangeError);
    await expect(permutationImportance({ ...base, columns: [] })).rejects.toThrow(RangeError);
    await expect(
      permutationImportance({ ...base, columns: [[1, 2, 3]], repeats: 0 }),
    ).rejects.toThrow(RangeError);
    await expect(
      permutationImportance({ ...base, columns: [[1, 2, 3]], score: () => Number.NaN }),
    ).rejects.toThrow(/not finite/);
  });
});
