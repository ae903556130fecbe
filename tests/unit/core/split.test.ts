import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { splitIndices, type SplitIndices, type SplitRatios } from '../../../src/core/split';

const RATIOS: SplitRatios = { train: 0.6, validation: 0.2, test: 0.2 };
const PARTS = ['train', 'validation', 'test'] as const;

function expectPartition(split: SplitIndices, n: number): void {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
}

function classCounts(rows: number[], labels: ArrayLike<number>, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const row of rows) counts[labels[row] as number]! += 1;
  return counts;
}

/** Iris-like labels: 50 of each of 3 classes, in blocks. */
const IRIS_LABELS = Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));

describe('splitIndices (random)', () => {
  it('cuts 150 rows 60/20/20 into 90/30/30, each row exactly once', () => {
    const split = splitIndices(150, RATIOS, 1);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([90, 30, 30]);
    expectPartition(split, 150);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(splitIndices(150, RATIOS, 3)).toEqual(splitIndices(150, RATIOS, 3));
    expect(splitIndices(150, RATIOS, 3).train).not.toEqual(splitIndices(150, RATIOS, 4).train);
  });

  it('keeps parts shuffled rather than sorted', () => {
    const { train } = splitIndices(150, RATIOS, 1);
    expect(train).not.toEqual([...train].sort((a, b) => a - b));
  });

  it('normalises ratios that do not sum to 1', () => {
    const split = splitIndices(150, { train: 6, validation: 2, test: 2 }, 1);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([90, 30, 30]);
  });

  it('allows an empty part whose ratio is 0', () => {
    const split = splitIndices(10, { train: 0.8, validation: 0, test: 0.2 }, 1);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([8, 0, 2]);
    expectPartition(split, 10);
  });

  it('gives every part with a positive ratio at least one row', () => {
    const split = splitIndices(3, { train: 0.8, validation: 0.1, test: 0.1 }, 1);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([1, 1, 1]);
    expectPartition(split, 3);
  });

  it('rejects too few rows and invalid ratios with RangeError', () => {
    expect(() => splitIndices(2, RATIOS, 1)).toThrow(RangeError);
    expect(() => splitIndices(10.5, RATIOS, 1)).toThrow(RangeError);
    expect(() => splitIndices(10, { train: 0, validation: 0.5, test: 0.5 }, 1)).toThrow(RangeError);
    expect(() => splitIndices(10, { train: 0.8, validation: -0.1, test: 0.3 }, 1)).toThrow(
      RangeError,
    );
    expect(() => splitIndices(10, { train: NaN, validation: 0.1, test: 0.1 }, 1)).toThrow(
      RangeError,
    );
    expect(() => splitIndices(10, { train: Infinity, validation: 0, test: 0 }, 1)).toThrow(
      RangeError,
    );
  });
});

describe('splitIndices (stratified)', () => {
  it('splits 50/50/50 classes into 30/10/10 per class', () => {
    const split = splitIndices(150, RATIOS, 11, IRIS_LABELS);
    expectPartition(split, 150);
    expect(classCounts(split.train, IRIS_LABELS, 3)).toEqual([30, 30, 30]);
    expect(classCounts(split.validation, IRIS_LABELS, 3)).toEqual([10, 10, 10]);
    expect(classCounts(split.test, IRIS_LABELS, 3)).toEqual([10, 10, 10]);
  });

  it('mixes classes inside each part and is deterministic for a seed', () => {
    const split = splitIndices(150, RATIOS, 11, IRIS_LABELS);
    expect(split).toEqual(splitIndices(150, RATIOS, 11, IRIS_LABELS));
    expect(split.train).not.toEqual(splitIndices(150, RATIOS, 12, IRIS_LABELS).train);
    const firstTen = split.train.slice(0, 10).map((row) => IRIS_LABELS[row]);
    expect(new Set(firstTen).size).toBeGreaterThan(1);
  });

  it('keeps part sizes and per-class counts within one row of exact over many shapes', () => {
    const rng = createRng(99);
    let checked = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 20 + Math.floor(rng() * 300);
      const classes = 2 + Math.floor(rng() * 8);
      // Skewed class weights so small classes (1 or 2 rows) occur.
      const weights = Array.from({ length: classes }, () => rng() ** 3 + 0.01);
      const total = weights.reduce((sum, w) => sum + w, 0);
      const labels = Array.from({ length: n }, () => {
        let pick = rng() * total;
        const index = weights.findIndex((w) => (pick -= w) < 0);
        return index < 0 ? classes - 1 : index;
      });
      const raw = [0.3 + rng(), rng() * 0.4, rng() * 0.4];
      const ratios: SplitRatios = { train: raw[0]!, validation: raw[1]!, test: raw[2]! };
      const shares = raw.map((r) => r / (raw[0]! + raw[1]! + raw[2]!));
      if (shares.some((share) => share * n < 1)) continue; // the non-empty rule would apply
      const split = splitIndices(n, ratios, trial, labels);
      expectPartition(split, n);
      PARTS.forEach((part, p) => {
        expect(Math.abs(split[part].length - n * shares[p]!)).toBeLessThan(1);
        const counts = classCounts(split[part], labels, classes);
        for (let c = 0; c < classes; c++) {
          const classSize = labels.filter((label) => label === c).length;
          expect(Math.abs(counts[c]! - classSize * shares[p]!)).toBeLessThan(1 + 1e-9);
        }
      });
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('gives the same sizes as the unstratified split', () => {
    const labels = Array.from({ length: 101 }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const plain = splitIndices(101, { train: 0.7, validation: 0.15, test: 0.15 }, 5);
    const strat = splitIndices(101, { train: 0.7, validation: 0.15, test: 0.15 }, 5, labels);
    expect(PARTS.map((part) => strat[part].length)).toEqual(
      PARTS.map((part) => plain[part].length),
    );
  });

  it('still fills every part when a tiny dataset forces a class off its share', () => {
    const labels = [0, 0, 0, 1];
    const split = splitIndices(4, { train: 0.9, validation: 0.05, test: 0.05 }, 2, labels);
    expectPartition(split, 4);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([2, 1, 1]);
  });

  it('rejects labels of the wrong length', () => {
    expect(() => splitIndices(10, RATIOS, 1, [0, 1, 0])).toThrow(RangeError);
  });
});
