/**
 * Label-based classification metrics, matching scikit-learn 1.2 (see ../shared/oracles).
 *
 * Labels are class indices 0..k-1. Averaged scores run over the classes that occur in yTrue or
 * yPred (sklearn's `unique_labels`), so a class absent from both does not drag a macro mean down.
 * A class with no predicted (or no true) samples scores 0, sklearn's `zero_division=0`.
 * `average: 'binary'` reports class 1 and requires labels 0/1.
 */
import { assertLabels, assertNonEmpty, assertSameLength } from './validate';

export type Average = 'binary' | 'macro' | 'micro' | 'weighted';

export interface PrfScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface PerClassScores {
  precision: number[];
  recall: number[];
  f1: number[];
  /** Number of true samples of each class. */
  support: number[];
}

function checkPair(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  assertSameLength(fn, yTrue, yPred);
  assertNonEmpty(fn, yTrue.length);
  return assertLabels(fn, yTrue, yPred);
}

function buildConfusion(yTrue: ArrayLike<number>, yPred: ArrayLike<number>, k: number): number[][] {
  const cm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < yTrue.length; i++) {
    (cm[yTrue[i] as number] as number[])[yPred[i] as number]! += 1;
  }
  return cm;
}

/** Rows are true classes, columns predicted classes; labels must be below numClasses. */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): number[][] {
  const k = checkPair('confusionMatrix', yTrue, yPred);
  if (k > numClasses) {
    throw new RangeError(`confusionMatrix: label ${k - 1} is not below numClasses ${numClasses}`);
  }
  return buildConfusion(yTrue, yPred, numClasses);
}

interface Counts {
  cm: number[][];
  /** Row sums: true samples per class. */
  trueSum: number[];
  /** Column sums: predictions per class. */
  predSum: number[];
  /** Classes present in yTrue or yPred, ascending. */
  present: number[];
}

function count(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): Counts {
  const k = checkPair(fn, yTrue, yPred);
  const cm = buildConfusion(yTrue, yPred, k);
  const trueSum = new Array<number>(k).fill(0);
  const predSum = new Array<number>(k).fill(0);
  for (let t = 0; t < k; t++) {
    const row = cm[t] as number[];
    for (let p = 0; p < k; p++) {
      const c = row[p] as number;
      trueSum[t]! += c;
      predSum[p]! += c;
    }
  }
  const present: number[] = [];
  for (let c = 0; c < k; c++) if (trueSum[c]! > 0 || predSum[c]! > 0) present.push(c);
  return { cm, trueSum, predSum, present };
}

function ratio(num: number, den: number): number {
  return den === 0 ? 0 : num / den;
}

/** sklearn's F-beta with beta = 1, including its guard against 0/0. */
function fScore(p: number, r: number): number {
  const denom = p + r;
  return (2 * p * r) / (denom === 0 ? 1 : denom);
}

export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  assertSameLength('accuracy', yTrue, yPred);
  assertNonEmpty('accuracy', yTrue.length);
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

/** Mean recall over the classes that have true samples (sklearn drops the others). */
export function balancedAccuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { cm, trueSum } = count('balancedAccuracy', yTrue, yPred);
  let sum = 0;
  let classes = 0;
  for (let c = 0; c < trueSum.length; c++) {
    const support = trueSum[c] as number;
    if (support === 0) continue;
    sum += ((cm[c] as number[])[c] as number) / support;
    classes++;
  }
  return sum / classes;
}

export function cohenKappa(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { cm, trueSum, predSum, present } = count('cohenKappa', yTrue, yPred);
  const n = yTrue.length;
  let observed = 0;
  let expected = 0;
  for (const t of present) {
    for (const p of present) {
      if (t === p) continue;
      observed += (cm[t] as number[])[p] as number;
      expected += ((predSum[p] as number) * (trueSum[t] as number)) / n;
    }
  }
  return 1 - observed / expected;
}

/** Multiclass MCC (Gorodkin's R_K) as sklearn computes it; 0 when either marginal is constant. */
export function matthewsCorrcoef(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const { cm, trueSum, predSum } = count('matthewsCorrcoef', yTrue, yPred);
  const n = yTrue.length;
  let correct = 0;
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let c = 0; c < trueSum.length; c++) {
    const t = trueSum[c] as number;
    const p = predSum[c] as number;
    correct += (cm[c] as number[])[c] as number;
    tp += t * p;
    pp += p * p;
    tt += t * t;
  }
  const covTP = correct * n - tp;
  const covPP = n * n - pp;
  const covTT = n * n - tt;
  if (covPP * covTT === 0) return 0;
  return covTP / Math.sqrt(covTT * covPP);
}

/** Precision, recall and F1 for every class 0..numClasses-1 (sklearn's `average=None`). */
export function perClassScores(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  numClasses: number,
): PerClassScores {
  const cm = confusionMatrix(yTrue, yPred, numClasses);
  const out: PerClassScores = { precision: [], recall: [], f1: [], support: [] };
  for (let c = 0; c < numClasses; c++) {
    let support = 0;
    let predicted = 0;
    for (let o = 0; o < numClasses; o++) {
      support += (cm[c] as number[])[o] as number;
      predicted += (cm[o] as number[])[c] as number;
    }
    const tp = (cm[c] as number[])[c] as number;
    const p = ratio(tp, predicted);
    const r = ratio(tp, support);
    out.precision.push(p);
    out.recall.push(r);
    out.f1.push(fScore(p, r));
    out.support.push(support);
  }
  return out;
}

/** Precision, recall and F1 under one averaging mode, computed from a single pass. */
export function precisionRecallF1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  average: Average = 'binary',
): PrfScores {
  const fn = `precisionRecallF1(${average})`;
  const { cm, trueSum, predSum, present } = count(fn, yTrue, yPred);
  const tpOf = (c: number): number => ((cm[c] as number[] | undefined)?.[c] ?? 0) as number;

  if (average === 'binary') {
    if (trueSum.length > 2) {
      throw new RangeError(`${fn}: labels must be 0 or 1; use macro, micro or weighted averaging`);
    }
    const tp = tpOf(1);
    const p = ratio(tp, predSum[1] ?? 0);
    const r = ratio(tp, trueSum[1] ?? 0);
    return { precision: p, recall: r, f1: fScore(p, r) };
  }
  if (average === 'micro') {
    let tp = 0;
    let pred = 0;
    let truth = 0;
    for (const c of present) {
      tp += tpOf(c);
      pred += predSum[c] as number;
      truth += trueSum[c] as number;
    }
    const p = ratio(tp, pred);
    const r = ratio(tp, truth);
    return { precision: p, recall: r, f1: fScore(p, r) };
  }
  let sp = 0;
  let sr = 0;
  let sf = 0;
  let sw = 0;
  for (const c of present) {
    const p = ratio(tpOf(c), predSum[c] as number);
    const r = ratio(tpOf(c), trueSum[c] as number);
    const w = average === 'weighted' ? (trueSum[c] as number) : 1;
    sp += p * w;
    sr += r * w;
    sf += fScore(p, r) * w;
    sw += w;
  }
  return { precision: sp / sw, recall: sr / sw, f1: sf / sw };
}

export function precision(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  average: Average = 'binary',
): number {
  return precisionRecallF1(yTrue, yPred, average).precision;
}

export function recall(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  average: Average = 'binary',
): number {
  return precisionRecallF1(yTrue, yPred, average).recall;
}

export function f1(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  average: Average = 'binary',
): number {
  return precisionRecallF1(yTrue, yPred, average).f1;
}
