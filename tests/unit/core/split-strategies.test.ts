import { describe, expect, it } from 'vitest';
import {
  groupedSplit,
  kFold,
  stratifiedKFold,
  timeOrderedSplit,
  type Fold,
} from '../../../src/core/split-strategies';
import { createRng } from '../../../src/core/rng';
import type { SplitIndices } from '../../../src/core/split';

const RATIOS = { train: 0.6, validation: 0.2, test: 0.2 };

function sortedAll(split: SplitIndices): number[] {
  return [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

describe('timeOrderedSplit', () => {
  it('never shuffles and puts the latest rows in test', () => {
    const split = timeOrderedSplit(10, RATIOS);
    expect(split).toEqual({ train: [0, 1, 2, 3, 4, 5], validation: [6, 7], test: [8, 9] });
    const big = timeOrderedSplit(101, RATIOS);
    expect(sortedAll(big)).toEqual(range(101));
    expect(Math.max(...big.train)).toBeLessThan(Math.min(...big.validation));
    expect(Math.max(...big.validation)).toBeLessThan(Math.min(...big.test));
  });
});

describe('groupedSplit', () => {
  const groups = Array.from({ length: 200 }, (_, i) => `g${(i * 7) % 23}`);

  it('keeps every group in one part and covers every row once', () => {
    const split = groupedSplit(groups, RATIOS, 3);
    expect(sortedAll(split)).toEqual(range(200));
    const partOf = new Map<string, string>();
    for (const part of ['train', 'validation', 'test'] as const) {
      for (const row of split[part]) {
        const key = groups[row]!;
        expect(partOf.get(key) ?? part).toBe(part);
        partOf.set(key, part);
      }
    }
    expect(split.validation.length).toBeGreaterThan(0);
    expect(split.test.length).toBeGreaterThan(0);
    expect(Math.abs(split.train.length - 120)).toBeLessThan(25);
  });

  it('is seeded and refuses too few groups', () => {
    expect(groupedSplit(groups, RATIOS, 3)).toEqual(groupedSplit(groups, RATIOS, 3));
    expect(groupedSplit(groups, RATIOS, 4)).not.toEqual(groupedSplit(groups, RATIOS, 3));
    expect(() => groupedSplit([1, 1, 2, 2], RATIOS, 1)).toThrow(RangeError);
  });
});

function expectFolds(folds: Fold[], n: number, k: number): void {
  expect(folds).toHaveLength(k);
  const validation = folds.flatMap((f) => f.validation).sort((a, b) => a - b);
  expect(validation).toEqual(range(n));
  for (const fold of folds) {
    expect([...fold.train, ...fold.validation].sort((a, b) => a - b)).toEqual(range(n));
  }
  const sizes = folds.map((f) => f.validation.length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
}

describe('kFold', () => {
  it('validates on every row exactly once, with sizes within one', () => {
    expectFolds(kFold(23, 5, 1), 23, 5);
    expect(kFold(23, 5, 1)).toEqual(kFold(23, 5, 1));
    expect(kFold(23, 5, 1)).not.toEqual(kFold(23, 5, 2));
    expect(() => kFold(3, 4, 1)).toThrow(RangeError);
    expect(() => kFold(10, 1, 1)).toThrow(RangeError);
  });
});

describe('stratifiedKFold', () => {
  const labels = [
    ...Array<string>(17).fill('a'),
    ...Array<string>(9).fill('b'),
    ...Array<string>(4).fill('c'),
  ];

  it('keeps each class count per fold within one of the others', () => {
    const folds = stratifiedKFold(labels, 4, 5);
    expectFolds(folds, labels.length, 4);
    for (const label of ['a', 'b', 'c']) {
      const counts = folds.map((f) => f.validation.filter((row) => labels[row] === label).length);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    }
    expect(stratifiedKFold(labels, 4, 5)).toEqual(folds);
  });
});

describe('k-fold properties over many shapes', () => {
  it('keeps folds disjoint, covering, seeded and class-balanced to within one row', () => {
    const rng = createRng(99);
    for (let trial = 0; trial < 60; trial++) {
      const classes = 2 + Math.floor(rng() * 4);
      const k = 2 + Math.floor(rng() * 6);
      const n = k * 2 + Math.floor(rng() * 80);
      const labels = Array.from({ length: n }, () => `c${Math.floor(rng() ** 2 * classes)}`);
      const seed = Math.floor(rng() * 1000);
      expectFolds(kFold(n, k, seed), n, k);
      const folds = stratifiedKFold(labels, k, seed);
      expectFolds(folds, n, k);
      expect(stratifiedKFold(labels, k, seed)).toEqual(folds);
      for (const label of new Set(labels)) {
        const counts = folds.map((f) => f.validation.filter((row) => labels[row] === label).length);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }
    }
  });
});
