/**
 * For every step that learns from rows: its params equal statistics computed independently
 * from the training rows alone, and differ from the same statistics over train ∪ test.
 */
import { describe, expect, it } from 'vitest';
import { pcaExplainedVarianceRatio } from '../../../../src/core/metrics/index';
import {
  fitRecipe,
  type RecipeStep,
  type StepParamsMap,
  type StepType,
} from '../../../../src/core/recipe';
import { tokenize } from '../../../../src/core/recipe/steps/text';
import {
  CTX,
  concatFrames,
  meanOf,
  numbers,
  present,
  stdOf,
  strings,
  testFrame,
  trainFrame,
} from './frames';
import { SAMPLE_OPTIONS } from './sample-steps';

const train = trainFrame();
const all = concatFrames(train, testFrame());

function paramsFor<T extends StepType>(
  type: T,
  options: Partial<(typeof SAMPLE_OPTIONS)[T]> = {},
  frame = train,
): StepParamsMap[T] {
  const step = { id: 'p', type, enabled: true, options: { ...SAMPLE_OPTIONS[type], ...options } };
  const fitted = fitRecipe({ schemaVersion: 1, steps: [step as RecipeStep] }, frame, CTX);
  return fitted.steps[0]?.params as StepParamsMap[T];
}

function sortedPresent(frame = train, name = 'x'): number[] {
  return present(numbers(frame, name)).sort((a, b) => a - b);
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const trainX = present(numbers(train, 'x'));
const allX = present(numbers(all, 'x'));

describe('fitted on the training rows only', () => {
  it('impute: the mean is the training mean, not the overall one', () => {
    const fill = paramsFor('impute').fills.find((f) => f.column === 'x');
    expect(fill?.value).toBeCloseTo(meanOf(trainX), 12);
    expect(Math.abs(meanOf(allX) - meanOf(trainX))).toBeGreaterThan(10);
  });

  it('impute: median and most frequent category come from training rows', () => {
    const median = paramsFor('impute', { strategy: 'median' }).fills[0]?.value;
    expect(median).toBeCloseTo(quantile(sortedPresent(), 0.5), 12);
    const mode = paramsFor('impute', { strategy: 'mostFrequent', scope: 'categorical' });
    // Train categories a, b, c; the test frame's c, d, e would not tie-break to 'a'.
    expect(mode.fills.find((f) => f.column === 'cat')?.value).toBe('a');
  });

  it('dropColumnsAboveMissingShare: shares are the training shares', () => {
    // x is 3/40 missing in train but 13/60 over train ∪ test.
    const params = paramsFor('dropColumnsAboveMissingShare', { maxShare: 0.2 });
    expect(params.shares.find((s) => s.column === 'x')?.share).toBeCloseTo(3 / 40, 12);
    expect(params.dropped).toEqual([]);
    const leaky = paramsFor('dropColumnsAboveMissingShare', { maxShare: 0.2 }, all);
    expect(leaky.dropped).toContain('x');
  });

  it('outliers: quartiles and fences come from training values', () => {
    const box = paramsFor('outliers').boxes.find((b) => b.column === 'x');
    const sorted = sortedPresent();
    const q1 = quantile(sorted, 0.25);
    const q3 = quantile(sorted, 0.75);
    expect(box?.q1).toBeCloseTo(q1, 12);
    expect(box?.q3).toBeCloseTo(q3, 12);
    expect(box?.upper).toBeCloseTo(q3 + 1.5 * (q3 - q1), 12);
  });

  it('standardize: offset and scale are the training mean and population std', () => {
    const stats = paramsFor('standardize').stats.find((s) => s.column === 'x');
    expect(stats?.offset).toBeCloseTo(meanOf(trainX), 12);
    expect(stats?.scale).toBeCloseTo(stdOf(trainX), 12);
  });

  it('minMax: offset and scale are the training min and range', () => {
    const stats = paramsFor('minMax').stats.find((s) => s.column === 'x');
    expect(stats?.offset).toBe(Math.min(...trainX));
    expect(stats?.scale).toBeCloseTo(Math.max(...trainX) - Math.min(...trainX), 12);
  });

  it('robustScale: median and IQR of the training rows', () => {
    const stats = paramsFor('robustScale').stats.find((s) => s.column === 'x');
    const sorted = sortedPresent();
    expect(stats?.offset).toBeCloseTo(quantile(sorted, 0.5), 12);
    expect(stats?.scale).toBeCloseTo(quantile(sorted, 0.75) - quantile(sorted, 0.25), 12);
  });

  it('binning: equal-width and quantile edges from training values', () => {
    const lo = Math.min(...trainX);
    const hi = Math.max(...trainX);
    const width = paramsFor('binning', { strategy: 'equalWidth' }).edges.find(
      (e) => e.column === 'x',
    );
    expect(width?.edges[0]).toBe(lo);
    expect(width?.edges[4]).toBe(hi);
    expect(width?.edges[2]).toBeCloseTo((lo + hi) / 2, 12);
    const quantiles = paramsFor('binning').edges.find((e) => e.column === 'x');
    expect(quantiles?.edges[2]).toBeCloseTo(quantile(sortedPresent(), 0.5), 12);
  });

  it('oneHot and ordinalEncode: categories are the training categories', () => {
    expect(paramsFor('oneHot').encodings).toEqual([
      { column: 'cat', categories: ['a', 'b', 'c'], distinct: 3 },
    ]);
    expect(paramsFor('ordinalEncode').encodings).toEqual([
      { column: 'cat', categories: ['a', 'b', 'c'] },
    ]);
  });

  it('textVectorize: vocabulary and idf come from training documents', () => {
    const vocabulary = paramsFor('textVectorize').vocabularies[0];
    expect(vocabulary?.tokens).toEqual(['apple', 'blue', 'green', 'red']);
    const docs = strings(train, 'text');
    const df = docs.filter((d) => tokenize(d ?? '', true).includes('apple')).length;
    expect(vocabulary?.idf[0]).toBeCloseTo(Math.log(41 / (1 + df)) + 1, 12);
  });

  it('selectFeatures: scores are the training variances', () => {
    const params = paramsFor('selectFeatures');
    const score = params.scores.find((s) => s.column === 'x')?.score;
    expect(score).toBeCloseTo(stdOf(trainX) ** 2, 10);
    const anova = paramsFor('selectFeatures', { method: 'anova', k: 1 });
    expect(anova.kept).toHaveLength(1);
    expect(paramsFor('selectFeatures', { method: 'anova', k: 1 }, all).scores).not.toEqual(
      anova.scores,
    );
  });

  it('pca: mean and explained variance ratio come from training rows', () => {
    const params = paramsFor('pca');
    const rows = numbers(train, 'z').map((z, i) => [z, numbers(train, 'w')[i]!]);
    expect(params.mean[0]).toBeCloseTo(meanOf(numbers(train, 'z')), 12);
    const expected = pcaExplainedVarianceRatio(rows, 2);
    params.explainedVarianceRatio.forEach((r, i) => expect(r).toBeCloseTo(expected[i]!, 12));
  });

  it('classWeights: balanced weights from training class counts', () => {
    // Train: 10 'yes', 30 'no'; the test frame would flip the balance.
    expect(paramsFor('classWeights')).toEqual({
      classes: ['no', 'yes'],
      counts: [30, 10],
      weights: [40 / (2 * 30), 40 / (2 * 10)],
    });
  });

  it('gaussianNoise: the std is the training std', () => {
    const std = paramsFor('gaussianNoise').stats.find((s) => s.column === 'x')?.std;
    expect(std).toBeCloseTo(stdOf(trainX), 12);
  });

  it('imageAugment: the pixel range is the training min and max', () => {
    const pixels = [...numbers(train, 'z'), ...numbers(train, 'w')];
    const everywhere = [...numbers(all, 'z'), ...numbers(all, 'w')];
    expect(paramsFor('imageAugment').range).toEqual([Math.min(...pixels), Math.max(...pixels)]);
    expect(Math.max(...everywhere)).toBeGreaterThan(Math.max(...pixels) + 10);
  });
});
