/**
 * The losses gradient boosting minimises, as scikit-learn's HistGradientBoosting defines them:
 * half squared error (regression), binary log-loss on one raw score, and softmax cross-entropy
 * on one raw score per class. Gives baselines (the best constant score), gradients and
 * hessians, links from raw scores to predictions, and mean losses for progress and stopping.
 */
import type { DenseMatrix } from '../types';
import { leafOf, type FlatTree } from './sup-flat-tree';

export type Loss = 'squared_error' | 'log_loss' | 'softmax';

/** Raw scores, rows × outputs: baseline plus every tree, tree t feeding output t % outputs. */
export function rawScores(trees: FlatTree[], baseline: number[], x: DenseMatrix): Float64Array {
  const k = baseline.length;
  const out = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) for (let c = 0; c < k; c++) out[i * k + c] = baseline[c]!;
  trees.forEach((tree, t) => {
    const c = t % k;
    for (let i = 0; i < x.rows; i++) out[i * k + c]! += tree.value[leafOf(tree, x, i)]!;
  });
  return out;
}

/** Probabilities (classes) or predictions (k = 1 regression) from raw scores, in place. */
export function link(loss: Loss, raw: Float64Array, k: number): Float64Array {
  if (loss === 'squared_error') return raw;
  if (loss === 'log_loss') {
    const out = new Float64Array(raw.length * 2);
    for (let i = 0; i < raw.length; i++) {
      const p = 1 / (1 + Math.exp(-raw[i]!));
      out[2 * i] = 1 - p;
      out[2 * i + 1] = p;
    }
    return out;
  }
  for (let i = 0; i < raw.length / k; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, raw[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += raw[i * k + c] = Math.exp(raw[i * k + c]! - max);
    for (let c = 0; c < k; c++) raw[i * k + c]! /= sum;
  }
  return raw;
}

/** Mean loss of raw scores against y (sklearn's loss: log-loss or half squared error). */
export function meanLoss(loss: Loss, raw: Float64Array, y: ArrayLike<number>, k: number): number {
  const n = y.length;
  let total = 0;
  if (loss === 'squared_error') {
    for (let i = 0; i < n; i++) total += 0.5 * (raw[i]! - y[i]!) ** 2;
    return total / n;
  }
  const proba = link(loss, Float64Array.from(raw), k);
  const width = loss === 'log_loss' ? 2 : k;
  for (let i = 0; i < n; i++) total -= Math.log(Math.max(proba[i * width + y[i]!]!, 1e-15));
  return total / n;
}

export function baselineOf(loss: Loss, y: ArrayLike<number>, k: number): number[] {
  const n = y.length;
  if (loss === 'squared_error') {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += y[i]!;
    return [sum / n];
  }
  const counts = new Float64Array(loss === 'log_loss' ? 2 : k);
  for (let i = 0; i < n; i++) counts[y[i]!]! += 1;
  const eps = 1e-15;
  const p = Array.from(counts, (c) => Math.min(Math.max(c / n, eps), 1 - eps));
  if (loss === 'log_loss') return [Math.log(p[1]! / (1 - p[1]!))];
  const logs = p.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / k;
  return logs.map((v) => v - mean);
}

/** Gradients and hessians of output c for every row, into g and h. */
export function gradients(
  loss: Loss,
  raw: Float64Array,
  y: ArrayLike<number>,
  k: number,
  c: number,
  g: Float64Array,
  h: Float64Array,
  proba: Float64Array,
): void {
  for (let i = 0; i < y.length; i++) {
    if (loss === 'squared_error') {
      g[i] = raw[i]! - y[i]!;
      h[i] = 1;
    } else if (loss === 'log_loss') {
      const p = 1 / (1 + Math.exp(-raw[i]!));
      g[i] = p - y[i]!;
      h[i] = p * (1 - p);
    } else {
      const p = proba[i * k + c]!;
      g[i] = p - (y[i] === c ? 1 : 0);
      h[i] = p * (1 - p);
    }
  }
}
