/**
 * Whether two registered runs can be cross-validated together, and the worker request that
 * does it. Pure, so it is tested without a worker.
 *
 * Invariants: only the simple MLP and classical learners are cross-validated (builder,
 * sequence and generative networks are too slow to refit k times in a page, and their runs
 * keep no single configuration to refit). Both runs must share the split key (dataset, target,
 * ratios, strategy, seed): then they hold the same training and validation rows, and the one
 * seed gives them the same folds. Each run keeps its own recipe and model settings.
 */
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import {
  DEFAULT_FOLDS,
  MAX_FOLDS,
  MIN_FOLDS,
  type CrossValidationConfig,
  type CrossValidationRequest,
} from '../contracts/cross-validation';
import type { MlpConfig } from '../contracts/training';
import { findLearner } from '../core/classical-catalog';
import type { RunSummary } from '../storage/runs-db';
import { splitKeyOf } from './RunHistory.svelte';
import { buildPreviewRequest } from './train-request';

/** Why a selection cannot be cross-validated; i18n keys under `crossValidation.reason.`. */
export type CrossValidationBlock =
  | { reason: 'count' }
  | { reason: 'model'; run: number; kind: 'network' | 'sequence' | 'generative' | 'other' }
  | { reason: 'split' }
  | { reason: 'dataset' };

export type CrossValidationPlan =
  | { ok: true; request: Omit<CrossValidationRequest, 'jobId'> }
  | ({ ok: false } & CrossValidationBlock);

/** The MLP fields a classical request still carries: only the seed is read. */
const CLASSICAL_CARRIER: Omit<MlpConfig, 'seed'> = {
  hiddenLayers: [],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 32,
  epochs: 1,
};

export function clampFolds(value: number): number {
  if (!Number.isFinite(value)) return DEFAULT_FOLDS;
  return Math.min(MAX_FOLDS, Math.max(MIN_FOLDS, Math.round(value)));
}

function configOf(run: RunSummary): CrossValidationConfig | null {
  const { model } = run;
  if (model.kind === 'mlp') {
    const config = { ...model.config, hiddenLayers: [...model.config.hiddenLayers] };
    return { model: config, recipe: run.recipe, backend: run.backend };
  }
  if (model.kind === 'classical') {
    const info = findLearner(model.spec.learner);
    if (!info) return null;
    // Only tunable fields cross (as a training request sends them): fixed defaults such as
    // the regression tree's criterion are not parameters the worker accepts.
    const params = Object.fromEntries(
      Object.entries(model.spec.params).filter(([field]) => Object.hasOwn(info.ranges, field)),
    );
    return {
      model: { ...CLASSICAL_CARRIER, seed: run.seed },
      classical: { learner: model.spec.learner, params },
      recipe: run.recipe,
      backend: 'cpu',
    };
  }
  return null;
}

function kindOf(run: RunSummary): 'network' | 'sequence' | 'generative' | 'other' {
  const kind: string = run.model.kind;
  return kind === 'network' || kind === 'sequence' || kind === 'generative' ? kind : 'other';
}

export function crossValidationPlanOf(
  runs: readonly RunSummary[],
  entry: BuiltinDatasetEntry | undefined,
  url: string,
  folds: number,
  /** Two runs against each other (Compare), or one run on its own (its details). */
  count: 1 | 2 = 2,
): CrossValidationPlan {
  const [first] = runs;
  if (runs.length !== count || !first) return { ok: false, reason: 'count' };
  const configs: CrossValidationConfig[] = [];
  for (const [i, run] of runs.entries()) {
    const config = configOf(run);
    if (!config) return { ok: false, reason: 'model', run: i, kind: kindOf(run) };
    configs.push(config);
  }
  const key = JSON.stringify(splitKeyOf(first));
  if (runs.some((run) => JSON.stringify(splitKeyOf(run)) !== key)) {
    return { ok: false, reason: 'split' };
  }
  if (!entry || entry.id !== first.dataset.id || entry.target !== first.dataset.target) {
    return { ok: false, reason: 'dataset' };
  }
  let preview;
  try {
    preview = buildPreviewRequest(entry, url, {
      model: { ...CLASSICAL_CARRIER, seed: first.seed },
      split: first.split,
      splitStrategy: first.splitStrategy,
      recipe: null,
    });
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, reason: 'dataset' };
    throw error;
  }
  return {
    ok: true,
    request: {
      dataset: preview.dataset,
      split: preview.split,
      splitStrategy: preview.splitStrategy,
      seed: first.seed,
      folds: clampFolds(folds),
      configs,
    },
  };
}
