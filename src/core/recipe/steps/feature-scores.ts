/**
 * Univariate feature scores for feature selection: ANOVA F (classification), F from Pearson's
 * r (regression), χ² on non-negative features, and mutual information.
 *
 * Invariants: inputs are paired arrays without missing values; every score is finite and >= 0
 * (an infinite F becomes Number.MAX_VALUE, an undefined one 0) so params stay plain JSON.
 * ANOVA F and χ² follow sklearn's f_classif and chi2. Mutual information is the plug-in
 * estimate in nats after cutting a numeric variable into MI_BINS quantile bins: simpler and
 * deterministic, unlike sklearn's k-nearest-neighbour estimator, so values differ from it but
 * rank features the same way in the common cases.
 */
import { quantileSorted, sortedAscending } from '../helpers';
import { binIndex } from './binning';

export const MI_BINS = 10;

export function finiteScore(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Number.isFinite(value) ? Math.max(value, 0) : Number.MAX_VALUE;
}

function groupsOf(x: readonly number[], labels: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  x.forEach((value, i) => {
    const key = labels[i] as string;
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  });
  return groups;
}

export function anovaF(x: readonly number[], labels: readonly string[]): number {
  const groups = groupsOf(x, labels);
  const n = x.length;
  const k = groups.size;
  if (k < 2 || n <= k) return 0;
  const grand = x.reduce((sum, value) => sum + value, 0) / n;
  let between = 0;
  let within = 0;
  for (const group of groups.values()) {
    const m = group.reduce((sum, value) => sum + value, 0) / group.length;
    between += group.length * (m - grand) ** 2;
    for (const value of group) within += (value - m) ** 2;
  }
  return finiteScore(between / (k - 1) / (within / (n - k)));
}

export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

export function regressionF(x: readonly number[], y: readonly number[]): number {
  const r = pearson(x, y);
  return finiteScore(((r * r) / (1 - r * r)) * (x.length - 2));
}

/** sklearn's chi2: observed per-class feature sums against class-share expectations. */
export function chiSquare(x: readonly number[], labels: readonly string[]): number {
  const total = x.reduce((s, v) => s + v, 0);
  if (total <= 0) return 0;
  let score = 0;
  for (const group of groupsOf(x, labels).values()) {
    const observed = group.reduce((s, v) => s + v, 0);
    const expected = (group.length / x.length) * total;
    score += (observed - expected) ** 2 / expected;
  }
  return finiteScore(score);
}

export function quantileCodes(values: readonly number[]): string[] {
  const sorted = sortedAscending(values);
  const edges = Array.from({ length: MI_BINS + 1 }, (_, i) => quantileSorted(sorted, i / MI_BINS));
  return values.map((value) => String(binIndex(edges, value)));
}

export function mutualInformation(a: readonly string[], b: readonly string[]): number {
  const n = a.length;
  if (n === 0) return 0;
  const joint = new Map<string, number>();
  const left = new Map<string, number>();
  const right = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    const key = JSON.stringify([x, y]);
    joint.set(key, (joint.get(key) ?? 0) + 1);
    left.set(x, (left.get(x) ?? 0) + 1);
    right.set(y, (right.get(y) ?? 0) + 1);
  }
  let mi = 0;
  for (const [key, count] of joint) {
    const [x, y] = JSON.parse(key) as [string, string];
    mi += (count / n) * Math.log((count * n) / ((left.get(x) ?? 1) * (right.get(y) ?? 1)));
  }
  return finiteScore(mi);
}
