/**
 * Split strategies beyond the seeded random split: time-ordered, grouped, k-fold and
 * stratified k-fold.
 *
 * Invariants: every row lands in exactly one part (or, for k-fold, in exactly one validation
 * fold); the same inputs and seed give the same result. Time-ordered splits never shuffle and
 * put the latest rows in test, with the same part sizes as `splitIndices`. Grouped splits keep
 * every row of a group in one part. K-fold sizes differ by at most one (the first n mod k folds
 * get the extra row, as sklearn's KFold); stratified folds hold each class's rows to within
 * one of an even share.
 */
import { createRng, permutation, shuffleInPlace } from './rng';
import { splitIndices, type SplitIndices, type SplitRatios } from './split';

export interface Fold {
  train: number[];
  validation: number[];
}

function range(start: number, end: number): number[] {
  return Array.from({ length: Math.max(end - start, 0) }, (_, i) => start + i);
}

/** Part sizes exactly as the random split would make them (largest remainder, none empty). */
function partSizes(n: number, ratios: SplitRatios): [number, number, number] {
  const split = splitIndices(n, ratios, 0);
  return [split.train.length, split.validation.length, split.test.length];
}

/** Rows in their given (time) order: oldest train, then validation, latest test. */
export function timeOrderedSplit(n: number, ratios: SplitRatios): SplitIndices {
  const [train, validation] = partSizes(n, ratios);
  return {
    train: range(0, train),
    validation: range(train, train + validation),
    test: range(train + validation, n),
  };
}

/**
 * Groups in a seeded random order, each given whole to the part furthest below its row target
 * (relative to that target). Part sizes therefore only approximate the ratios, the closer the
 * more groups there are; a part with a positive ratio gets at least one group.
 */
export function groupedSplit(
  groups: ArrayLike<string | number>,
  ratios: SplitRatios,
  seed: number,
): SplitIndices {
  const n = groups.length;
  const members = new Map<string | number, number[]>();
  for (let row = 0; row < n; row++) {
    const key = groups[row] as string | number;
    const rows = members.get(key);
    if (rows) rows.push(row);
    else members.set(key, [row]);
  }
  const targets = partSizes(n, ratios);
  const wanted = targets.filter((size) => size > 0).length;
  if (members.size < wanted) {
    throw new RangeError(`a grouped split needs at least ${wanted} groups, got ${members.size}`);
  }
  const keys = [...members.keys()].sort((a, b) => String(a).localeCompare(String(b)));
  shuffleInPlace(keys, createRng(seed));
  const parts: [number[], number[], number[]] = [[], [], []];
  keys.forEach((key, i) => {
    const rows = members.get(key) as number[];
    const left = keys.length - i;
    const empty = [0, 1, 2].filter((p) => (targets[p] as number) > 0 && parts[p]?.length === 0);
    let part: number;
    if (empty.length >= left) part = empty[0] as number;
    else {
      const deficit = (p: number): number =>
        (targets[p] as number) === 0
          ? -Infinity
          : ((targets[p] as number) - (parts[p] as number[]).length) / (targets[p] as number);
      part = [0, 1, 2].reduce((best, p) => (deficit(p) > deficit(best) ? p : best), 0);
    }
    (parts[part] as number[]).push(...rows);
  });
  return { train: parts[0], validation: parts[1], test: parts[2] };
}

function checkFolds(n: number, k: number): void {
  if (!Number.isInteger(k) || k < 2 || k > n) {
    throw new RangeError(`k-fold needs an integer k from 2 to ${n}, got ${k}`);
  }
}

function foldsFrom(assignment: Int32Array, k: number): Fold[] {
  return Array.from({ length: k }, (_, fold) => {
    const train: number[] = [];
    const validation: number[] = [];
    assignment.forEach((f, row) => (f === fold ? validation : train).push(row));
    return { train, validation };
  });
}

export function kFold(n: number, k: number, seed: number): Fold[] {
  checkFolds(n, k);
  const order = permutation(n, createRng(seed));
  const assignment = new Int32Array(n);
  const base = Math.floor(n / k);
  const extra = n % k;
  let position = 0;
  for (let fold = 0; fold < k; fold++) {
    const size = base + (fold < extra ? 1 : 0);
    for (let i = 0; i < size; i++) assignment[order[position++] as number] = fold;
  }
  return foldsFrom(assignment, k);
}

/**
 * Each class's rows, shuffled, are dealt round-robin onto the folds, continuing where the
 * previous class stopped: every class count per fold is then within one, and so are the fold
 * sizes.
 */
export function stratifiedKFold(
  labels: ArrayLike<number | string>,
  k: number,
  seed: number,
): Fold[] {
  const n = labels.length;
  checkFolds(n, k);
  const byClass = new Map<string, number[]>();
  for (let row = 0; row < n; row++) {
    const key = String(labels[row]);
    const rows = byClass.get(key);
    if (rows) rows.push(row);
    else byClass.set(key, [row]);
  }
  const rng = createRng(seed);
  const assignment = new Int32Array(n);
  let next = 0;
  for (const key of [...byClass.keys()].sort()) {
    for (const row of shuffleInPlace(byClass.get(key) as number[], rng)) {
      assignment[row] = next;
      next = (next + 1) % k;
    }
  }
  return foldsFrom(assignment, k);
}
