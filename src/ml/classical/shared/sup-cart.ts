/**
 * The CART grower shared by decision trees and random forests, with scikit-learn's semantics:
 * depth-first growth; an exact search over each feature's sorted values with thresholds at
 * midpoints (`x <= t` goes left); gini / entropy (log2) / squared error; features drawn at
 * random without replacement until `maxFeatures` have been visited and at least one varied;
 * sample weights (bootstrap counts) that drop zero-weight rows; impurity-decrease importances.
 *
 * Speed: every feature is sorted once per fit (`presort`), and each node keeps, per feature,
 * its rows in that order; a split stably partitions those runs, so growth costs O(n·p) a level
 * with no sorting inside the tree.
 */
import type { Rng } from '../../../core/rng';
import type { DenseMatrix } from '../types';
import { emptyTree, pushNode, type FlatTree } from './sup-flat-tree';

export type Criterion = 'gini' | 'entropy' | 'squared_error';

export interface CartConfig {
  criterion: Criterion;
  /** Number of classes; 0 for regression. */
  numClasses: number;
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features examined per split (≥ 1). */
  maxFeatures: number;
}

/** sklearn's FEATURE_THRESHOLD: values closer than this are treated as equal. */
const FEATURE_THRESHOLD = 1e-7;

/** Per feature, the row indices 0..rows-1 sorted by that feature's value. */
export function presort(x: DenseMatrix): Int32Array[] {
  const orders: Int32Array[] = [];
  const column = new Float64Array(x.rows);
  for (let f = 0; f < x.cols; f++) {
    for (let i = 0; i < x.rows; i++) column[i] = x.data[i * x.cols + f]!;
    const order = Int32Array.from({ length: x.rows }, (_, i) => i);
    order.sort((a, b) => column[a]! - column[b]! || a - b);
    orders.push(order);
  }
  return orders;
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
}

/**
 * Grows one tree. `y` holds class indices (classification) or targets (regression); `weights`
 * (null = all 1) are bootstrap counts. Returns the tree with importances normalised to sum 1.
 */
export function growTree(
  x: DenseMatrix,
  y: ArrayLike<number>,
  weights: Float64Array | null,
  sorted: Int32Array[],
  config: CartConfig,
  rng: Rng,
): FlatTree {
  const { cols } = x;
  const data = x.data;
  const k = config.numClasses;
  const regression = k === 0;
  const valueSize = regression ? 1 : k;
  const weightOf = (i: number): number => (weights ? weights[i]! : 1);

  // Each feature's rows in sorted order, zero-weight rows (out of the bootstrap) dropped.
  const work = sorted.map((order) => {
    if (!weights) return Int32Array.from(order);
    return order.filter((i) => weights[i]! > 0);
  });
  const n = work[0]?.length ?? 0;
  const tree = emptyTree(valueSize, cols);
  if (n === 0) return tree;
  const goLeft = new Uint8Array(x.rows);
  const buffer = new Int32Array(n);
  const features = Int32Array.from({ length: cols }, (_, f) => f);
  const total = new Float64Array(valueSize);
  const left = new Float64Array(valueSize);
  const importances = new Float64Array(cols);
  let rootWeight = 0;

  // w·impurity from class counts or (sum, sum of squares): the quantity a split lowers.
  const nodeStats = (start: number, end: number) => {
    total.fill(0);
    let w = 0;
    let sumSq = 0;
    const rows = work[0]!;
    for (let p = start; p < end; p++) {
      const i = rows[p]!;
      const wi = weightOf(i);
      w += wi;
      if (regression) {
        total[0]! += wi * y[i]!;
        sumSq += wi * y[i]! * y[i]!;
      } else total[y[i]!]! += wi;
    }
    let impurity = 0;
    if (regression) impurity = Math.max(0, sumSq / w - (total[0]! / w) ** 2);
    else if (config.criterion === 'entropy') {
      for (let c = 0; c < k; c++)
        if (total[c]! > 0) impurity -= (total[c]! / w) * Math.log2(total[c]! / w);
    } else {
      impurity = 1;
      for (let c = 0; c < k; c++) impurity -= (total[c]! / w) ** 2;
    }
    const value = new Float64Array(valueSize);
    if (regression) value[0] = total[0]! / w;
    else value.set(total);
    return { w, impurity, value };
  };

  const xlogx = (v: number) => (v > 0 ? v * Math.log2(v) : 0);
  const stack: Pending[] = [{ start: 0, end: n, depth: 0, parent: -1, isLeft: true }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { start, end, depth } = node;
    const count = end - start;
    const stats = nodeStats(start, end);
    const id = pushNode(tree, stats.impurity, count, stats.w, stats.value);
    if (node.parent >= 0) {
      if (node.isLeft) tree.left[node.parent] = id;
      else tree.right[node.parent] = id;
      importances[tree.feature[node.parent]!]! -= stats.w * stats.impurity;
    } else rootWeight = stats.w;
    const isLeaf =
      depth >= config.maxDepth ||
      count < config.minSamplesSplit ||
      count < 2 * config.minSamplesLeaf ||
      stats.impurity <= Number.EPSILON;
    if (isLeaf) continue;

    // Best split by a proxy that ranks splits like the weighted child impurity does.
    let bestProxy = -Infinity;
    let bestFeature = -1;
    let bestPos = -1;
    let visited = 0;
    let varied = 0;
    for (let drawn = 0; drawn < cols && (visited < config.maxFeatures || varied === 0); drawn++) {
      const pick = drawn + Math.floor(rng() * (cols - drawn));
      const f = features[pick]!;
      features[pick] = features[drawn]!;
      features[drawn] = f;
      visited++;
      const rows = work[f]!;
      const lo = data[rows[start]! * cols + f]!;
      const hi = data[rows[end - 1]! * cols + f]!;
      if (hi <= lo + FEATURE_THRESHOLD) continue;
      varied++;
      left.fill(0);
      let wl = 0;
      let sqL = 0; // gini: Σ c²;   entropy: Σ c log c
      let sqR = 0;
      if (!regression) {
        for (let c = 0; c < k; c++)
          sqR += config.criterion === 'gini' ? total[c]! ** 2 : xlogx(total[c]!);
      }
      for (let p = start; p < end - 1; p++) {
        const i = rows[p]!;
        const wi = weightOf(i);
        wl += wi;
        if (regression) left[0]! += wi * y[i]!;
        else {
          const c = y[i]!;
          const before = left[c]!;
          const rightBefore = total[c]! - before;
          left[c] = before + wi;
          if (config.criterion === 'gini') {
            sqL += (before + wi) ** 2 - before ** 2;
            sqR += (rightBefore - wi) ** 2 - rightBefore ** 2;
          } else {
            sqL += xlogx(before + wi) - xlogx(before);
            sqR += xlogx(rightBefore - wi) - xlogx(rightBefore);
          }
        }
        const nLeft = p - start + 1;
        if (nLeft < config.minSamplesLeaf) continue;
        if (end - p - 1 < config.minSamplesLeaf) break;
        const next = data[rows[p + 1]! * cols + f]!;
        if (next <= data[i * cols + f]! + FEATURE_THRESHOLD) continue;
        const wr = stats.w - wl;
        let proxy: number;
        if (regression) {
          const sr = total[0]! - left[0]!;
          proxy = (left[0]! * left[0]!) / wl + (sr * sr) / wr;
        } else if (config.criterion === 'gini') proxy = sqL / wl + sqR / wr;
        else proxy = sqL + sqR - xlogx(wl) - xlogx(wr);
        if (proxy > bestProxy) {
          bestProxy = proxy;
          bestFeature = f;
          bestPos = p;
        }
      }
    }
    if (bestFeature < 0) continue;

    const rows = work[bestFeature]!;
    const a = data[rows[bestPos]! * cols + bestFeature]!;
    const b = data[rows[bestPos + 1]! * cols + bestFeature]!;
    let threshold = (a + b) / 2;
    if (threshold === b || !Number.isFinite(threshold)) threshold = a;
    for (let p = start; p < end; p++) goLeft[rows[p]!] = p <= bestPos ? 1 : 0;
    for (const run of work) partition(run, start, end, goLeft, buffer);
    const mid = bestPos + 1;
    tree.feature[id] = bestFeature;
    tree.threshold[id] = threshold;
    importances[bestFeature]! += stats.w * stats.impurity;
    // Right pushed first so the left child is grown (and numbered) first, as in sklearn.
    stack.push({ start: mid, end, depth: depth + 1, parent: id, isLeft: false });
    stack.push({ start, end: mid, depth: depth + 1, parent: id, isLeft: true });
  }

  let sum = 0;
  for (let f = 0; f < cols; f++) {
    importances[f] = Math.max(0, importances[f]! / rootWeight);
    sum += importances[f]!;
  }
  if (sum > 0) for (let f = 0; f < cols; f++) importances[f]! /= sum;
  tree.importances = importances;
  return tree;
}

/** Stable partition of run[start..end): rows flagged in goLeft first, order kept on both sides. */
function partition(
  run: Int32Array,
  start: number,
  end: number,
  goLeft: Uint8Array,
  buffer: Int32Array,
): void {
  let l = start;
  let r = 0;
  for (let p = start; p < end; p++) {
    const i = run[p]!;
    if (goLeft[i]) run[l++] = i;
    else buffer[r++] = i;
  }
  run.set(buffer.subarray(0, r), l);
}
