/**
 * The per-epoch numbers `trainMlp` reports, computed the same way for the tiny path: the
 * validation loss uses the training loss's formula (clipped cross-entropy, unweighted, or the
 * mean squared error), the metric is accuracy or R². Kept apart from train-loop.ts, whose
 * helpers are private, so both paths fill `EpochRecord` identically.
 */
import type { Evaluation } from '../../contracts/evaluation';
import { evaluateClassification, evaluateRegression, unscaleTarget } from '../evaluate';
import type { TrainingData } from '../train-loop';
import { PROBABILITY_EPSILON } from './tiny-mlp';

export function crossEntropyOf(labels: Float32Array, probs: Float32Array, k: number): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = probs[i * k + (labels[i] as number)] as number;
    total -= Math.log(Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON));
  }
  return total / labels.length;
}

export function meanSquaredErrorOf(actual: Float32Array, predicted: Float32Array): number {
  let total = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = (actual[i] as number) - (predicted[i] as number);
    total += e * e;
  }
  return total / actual.length;
}

/** Ties go to the lower class, like tfjs's argMax. */
export function accuracyOf(labels: Float32Array, probs: Float32Array, k: number): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) {
      if ((probs[i * k + c] as number) > (probs[i * k + best] as number)) best = c;
    }
    if (best === labels[i]) correct++;
  }
  return correct / labels.length;
}

export function sumOfSquaresAroundMean(values: Float32Array): number {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let total = 0;
  for (const v of values) total += (v - mean) * (v - mean);
  return total;
}

export function isAllFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

export function evaluateOutputs(
  data: TrainingData,
  y: Float32Array,
  outputs: Float32Array,
): Evaluation {
  if (data.task === 'classification') return evaluateClassification(y, outputs, data.classNames);
  return evaluateRegression(
    unscaleTarget(y, data.targetScale),
    unscaleTarget(outputs, data.targetScale),
  );
}
