/**
 * Seeded train/validation/test split of row indices 0..n-1.
 *
 * Invariants: every row lands in exactly one part; the same (n, ratios, seed, labels) always
 * gives the same parts, each in a shuffled (not sorted) order. Part sizes are the
 * largest-remainder rounding of n × ratio, except that a part with a positive ratio never ends
 * up empty (n >= 3 makes that possible), so validation loss and test metrics always exist.
 * Stratified: each class's count in each part is within one row of its exact share whenever the
 * part sizes allow it (they always do unless the non-empty rule moved a row).
 */
import { createRng, permutation, shuffleInPlace } from './rng';

/** Same shape as the contracts' `SplitRatios` (core may not import contracts). */
export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}

export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

const PART_COUNT = 3;
const PARTS = [0, 1, 2] as const;
/** Guards floor() against n × ratio landing a hair under an integer (150 × 0.2 / 1.0000001). */
const FLOOR_EPSILON = 1e-9;

function validate(n: number, ratios: SplitRatios): number[] {
  if (!Number.isInteger(n) || n < 3) {
    throw new RangeError(`a split needs at least 3 rows, got ${n}`);
  }
  const values = [ratios.train, ratios.validation, ratios.test];
  for (const value of values) {
    if (!Number.isFinite(value) || value < 0) {
      throw new RangeError(`split ratios must be finite and >= 0, got ${values.join('/')}`);
    }
  }
  if (!(ratios.train > 0)) throw new RangeError('the training ratio must be positive');
  const total = values.reduce((sum, value) => sum + value, 0);
  return values.map((value) => value / total);
}

/** Largest-remainder rounding of `total × shares`; ties go to the earlier part. */
function apportion(total: number, shares: number[]): number[] {
  const exact = shares.map((share) => total * share);
  const counts = exact.map((value) => Math.floor(value + FLOOR_EPSILON));
  let left = total - counts.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - (counts[index] as number) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    counts[index] = (counts[index] as number) + 1;
    left--;
  }
  return counts;
}

function partSizes(n: number, shares: number[]): number[] {
  const sizes = apportion(n, shares);
  for (let part = 0; part < PART_COUNT; part++) {
    if ((shares[part] as number) > 0 && sizes[part] === 0) {
      const donor = sizes.indexOf(Math.max(...sizes));
      sizes[donor] = (sizes[donor] as number) - 1;
      sizes[part] = 1;
    }
  }
  return sizes;
}

/**
 * Per-class counts for each part: row sums are the class sizes, column sums the part sizes.
 * Starts from each class's own largest-remainder rounding (so every cell is floor or ceil of
 * its exact share) and then moves single rows between parts until the column sums match,
 * preferring moves that keep every cell within one row: a move of class c from part s to part t
 * keeps that iff c is above its exact share in s and below it in t. Trying direct moves, then
 * two-step moves through the third part, is an augmenting-path search over three parts, so it
 * finds a within-one table whenever one exists.
 */
function allocateClassCounts(classSizes: number[], shares: number[], sizes: number[]): number[][] {
  const exact = classSizes.map((size) => shares.map((share) => size * share));
  const counts = classSizes.map((size) => apportion(size, shares));
  const excess = (part: number): number =>
    counts.reduce((sum, row) => sum + (row[part] as number), 0) - (sizes[part] as number);
  const canGive = (c: number, part: number): boolean =>
    (counts[c]?.[part] as number) > (exact[c]?.[part] as number);
  const canTake = (c: number, part: number): boolean =>
    (counts[c]?.[part] as number) < (exact[c]?.[part] as number);
  const move = (c: number, from: number, to: number): void => {
    const row = counts[c] as number[];
    row[from] = (row[from] as number) - 1;
    row[to] = (row[to] as number) + 1;
  };
  const findClass = (from: number, to: number): number =>
    counts.findIndex((_, c) => canGive(c, from) && canTake(c, to));

  const tryWithinOne = (from: number, to: number): boolean => {
    const direct = findClass(from, to);
    if (direct >= 0) {
      move(direct, from, to);
      return true;
    }
    const via = PART_COUNT - from - to;
    const first = findClass(from, via);
    const second = findClass(via, to);
    if (first < 0 || second < 0) return false;
    move(first, from, via);
    move(second, via, to);
    return true;
  };
  // Leaves the least-bad cell: the class furthest above its share in `from` and below in `to`.
  const forceMove = (from: number, to: number): void => {
    let best = -1;
    let bestCost = Infinity;
    counts.forEach((row, c) => {
      if ((row[from] as number) <= 0) return;
      const share = exact[c] as number[];
      const cost =
        (share[from] as number) -
        (row[from] as number) +
        (row[to] as number) -
        (share[to] as number);
      if (cost < bestCost) {
        bestCost = cost;
        best = c;
      }
    });
    move(best, from, to);
  };

  for (;;) {
    const givers = PARTS.filter((part) => excess(part) > 0);
    const takers = PARTS.filter((part) => excess(part) < 0);
    const first = givers[0];
    const firstTaker = takers[0];
    if (first === undefined || firstTaker === undefined) return counts;
    const moved = givers.some((from) => takers.some((to) => tryWithinOne(from, to)));
    // Only reached when no within-one table exists (the non-empty rule moved a row).
    if (!moved) forceMove(first, firstTaker);
  }
}

function stratifiedSplit(
  n: number,
  shares: number[],
  sizes: number[],
  labels: ArrayLike<number>,
  seed: number,
): SplitIndices {
  if (labels.length !== n) {
    throw new RangeError(`stratifyBy has ${labels.length} labels for ${n} rows`);
  }
  const byClass = new Map<number, number[]>();
  for (let row = 0; row < n; row++) {
    const label = labels[row] as number;
    const rows = byClass.get(label);
    if (rows) rows.push(row);
    else byClass.set(label, [row]);
  }
  // Sorted class order keeps the result independent of which class appears first.
  const classes = [...byClass.keys()].sort((a, b) => a - b);
  const classRows = classes.map((label) => byClass.get(label) as number[]);
  const counts = allocateClassCounts(
    classRows.map((rows) => rows.length),
    shares,
    sizes,
  );
  const rng = createRng(seed);
  const parts: number[][] = [[], [], []];
  classRows.forEach((rows, c) => {
    shuffleInPlace(rows, rng);
    let start = 0;
    for (let part = 0; part < PART_COUNT; part++) {
      const take = counts[c]?.[part] as number;
      (parts[part] as number[]).push(...rows.slice(start, start + take));
      start += take;
    }
  });
  // Mix the classes inside each part so no consumer sees them in blocks.
  for (const part of parts) shuffleInPlace(part, rng);
  return {
    train: parts[0] as number[],
    validation: parts[1] as number[],
    test: parts[2] as number[],
  };
}

export function splitIndices(
  n: number,
  ratios: SplitRatios,
  seed: number,
  stratifyBy?: ArrayLike<number>,
): SplitIndices {
  const shares = validate(n, ratios);
  const sizes = partSizes(n, shares);
  if (stratifyBy !== undefined) return stratifiedSplit(n, shares, sizes, stratifyBy, seed);
  const order = Array.from(permutation(n, createRng(seed)));
  const trainEnd = sizes[0] as number;
  const validationEnd = trainEnd + (sizes[1] as number);
  return {
    train: order.slice(0, trainEnd),
    validation: order.slice(trainEnd, validationEnd),
    test: order.slice(validationEnd),
  };
}
