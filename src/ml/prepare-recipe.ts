/**
 * Turns a dataset's CSV text into train/validation/test matrices through the user's recipe;
 * runs in the training worker (the built-in CSVs are small, the main thread never parses them).
 *
 * Invariants:
 * - The split comes first. Rows without a target are dropped before it (they can be neither
 *   fitted nor scored), then rows are dealt to train/validation/test, and only then is the
 *   recipe fitted, on the training rows alone (`fitTransformRecipe`). Validation and test rows
 *   go through `applyRecipe` at the 'inference' stage, so they never lose or gain a row and no
 *   statistic is ever computed from them.
 * - What reaches the matrices is numeric only: a categorical, text or date column that
 *   survives the recipe, or a missing value left in a feature, is an expected failure whose
 *   i18n code tells the person which step to add — never a NaN in a matrix.
 * - Expected problems come back as `{ ok: false, code, params }`; the same text, request and
 *   seed always give the same matrices.
 */
import type {
  ClassDistribution,
  PreparationSummary,
  SplitRatios,
  SplitStrategy,
  TrainRequest,
} from '../contracts/training';
import { columnNames, getColumn, isMissing, selectRows, type Frame } from '../core/frame';
import {
  applyRecipe,
  defaultRecipe,
  fitTransformRecipe,
  parseRecipe,
  RecipeError,
  REDRAWN_EACH_EPOCH,
  type FittedRecipe,
  type Recipe,
  type StepReport,
} from '../core/recipe';
import { splitIndices, type SplitIndices } from '../core/split';
import { groupedSplit, timeOrderedSplit } from '../core/split-strategies';
import { encodeClassLabels, meanAndStd } from '../core/tabular';
import { fail, frameFromCsv, type PrepareFailure } from './prepare-dataset';
import type { DatasetInput } from './stored-dataset';
import type { TrainingData } from './train-loop';

export {
  columnKindOf,
  frameFromCsv,
  type DatasetFrame,
  type PrepareFailure,
} from './prepare-dataset';

/** Fewer rows than this cannot give every split part a row. */
const MIN_ROWS = 3;

export interface SplitFrames {
  ok: true;
  /** Rows with a target, in file order; `parts` index into it. */
  used: Frame;
  rowsDroppedMissingTarget: number;
  parts: SplitIndices;
  /** Classification: class names in label order, and counts per part before the recipe. */
  classDistribution?: ClassDistribution;
}

function countLabels(labels: Int32Array, rows: number[], classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const row of rows) counts[labels[row] as number] = (counts[labels[row] as number] ?? 0) + 1;
  return counts;
}

function dealRows(
  used: Frame,
  labels: Int32Array | null,
  split: SplitRatios,
  strategy: SplitStrategy,
  seed: number,
): SplitIndices | PrepareFailure {
  try {
    if (strategy.kind === 'time') return timeOrderedSplit(used.rowCount, split);
    if (strategy.kind === 'grouped') {
      const name = strategy.groupColumn ?? '';
      const column = getColumn(used, name);
      if (!column) return fail('recipe.error.missingColumn', { column: name });
      const keys = Array.from({ length: used.rowCount }, (_, row) =>
        isMissing(column, row) ? '' : String(column.values[row]),
      );
      return groupedSplit(keys, split, seed);
    }
    const stratify = strategy.kind === 'stratified' && labels !== null;
    return splitIndices(used.rowCount, split, seed, stratify ? labels : undefined);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail('error.config.invalid', { field: 'split' });
  }
}

/** Drops rows without a target, encodes class labels and deals rows to the three parts. */
export function splitFrame(
  frame: Frame,
  dataset: TrainRequest['dataset'],
  split: SplitRatios,
  strategy: SplitStrategy,
  seed: number,
): SplitFrames | PrepareFailure {
  const targetColumn = getColumn(frame, dataset.target);
  if (!targetColumn) return fail('error.dataset.targetMissing', { column: dataset.target });
  const kept: number[] = [];
  for (let row = 0; row < frame.rowCount; row++) if (!isMissing(targetColumn, row)) kept.push(row);
  if (kept.length < MIN_ROWS) return fail('error.dataset.tooFewRows', { rows: kept.length });
  const used = kept.length === frame.rowCount ? frame : selectRows(frame, kept);
  const rowsDroppedMissingTarget = frame.rowCount - kept.length;

  let labels: Int32Array | null = null;
  let classNames: string[] = [];
  if (dataset.task === 'classification') {
    const values = (getColumn(used, dataset.target)?.values ?? []) as (string | null)[];
    const declared = dataset.classes;
    if (declared !== undefined) {
      const unknown = values.findIndex((value) => value === null || !declared.includes(value));
      if (unknown >= 0) {
        return fail('error.dataset.parseFailed', {
          column: dataset.target,
          row: (kept[unknown] as number) + 1,
        });
      }
    }
    ({ labels, classNames } = encodeClassLabels(values, declared));
    if (new Set(labels).size < 2) return fail('error.dataset.singleClass');
  }
  const parts = dealRows(used, labels, split, strategy, seed);
  if ('ok' in parts) return parts;
  const out: SplitFrames = { ok: true, used, rowsDroppedMissingTarget, parts };
  if (labels !== null) {
    out.classDistribution = {
      classNames,
      train: countLabels(labels, parts.train, classNames.length),
      validation: countLabels(labels, parts.validation, classNames.length),
      test: countLabels(labels, parts.test, classNames.length),
    };
  }
  return out;
}

/** The recipe a request names, or the dataset's default one. */
export function resolveRecipe(
  text: string | null,
  frame: Frame,
  dataset: TrainRequest['dataset'],
): Recipe | PrepareFailure {
  try {
    return text === null ? defaultRecipe(frame, dataset.target, dataset.task) : parseRecipe(text);
  } catch (error) {
    if (error instanceof RecipeError) return fail(error.code, error.params);
    throw error;
  }
}

export interface FittedFrames {
  ok: true;
  fitted: FittedRecipe;
  /** The training rows before the recipe, for replaying train-stage noise per epoch. */
  trainInput: Frame;
  train: Frame;
  validation: Frame;
  test: Frame;
  /** Reports of the steps on the training split. */
  reports: StepReport[];
}

/** Fits on the training part only and replays the fitted recipe on validation and test. */
export function fitOnTrain(
  recipe: Recipe,
  split: SplitFrames,
  dataset: TrainRequest['dataset'],
  seed: number,
): FittedFrames | PrepareFailure {
  const ctx = { target: dataset.target, task: dataset.task, seed };
  try {
    const trainInput = selectRows(split.used, split.parts.train);
    const fit = fitTransformRecipe(recipe, trainInput, ctx);
    const inference = (rows: number[]): Frame =>
      applyRecipe(fit.fitted, selectRows(split.used, rows), { stage: 'inference' }).frame;
    return {
      ok: true,
      fitted: fit.fitted,
      trainInput,
      train: fit.frame,
      validation: inference(split.parts.validation),
      test: inference(split.parts.test),
      reports: fit.reports,
    };
  } catch (error) {
    if (error instanceof RecipeError) return fail(error.code, error.params);
    throw error;
  }
}

/** The feature columns of the prepared training frame, or why they cannot train a network. */
export function checkTrainable(
  frames: Pick<FittedFrames, 'train' | 'validation' | 'test'>,
  target: string,
): string[] | PrepareFailure {
  if (frames.train.rowCount === 0) return fail('error.dataset.tooFewRows', { rows: 0 });
  const features = columnNames(frames.train).filter((name) => name !== target);
  if (features.length === 0) return fail('error.dataset.noFeatures');
  for (const frame of [frames.train, frames.validation, frames.test]) {
    if (!getColumn(frame, target)) return fail('error.dataset.targetMissing', { column: target });
    for (const name of features) {
      const column = getColumn(frame, name);
      if (!column) return fail('recipe.error.missingColumn', { column: name });
      if (column.kind !== 'numeric') {
        return fail('recipe.error.unencodedColumn', { column: name, kind: column.kind });
      }
      for (let row = 0; row < frame.rowCount; row++) {
        if (isMissing(column, row)) return fail('recipe.error.missingValuesLeft', { column: name });
      }
    }
  }
  return features;
}

function toMatrix(frame: Frame, features: string[]): Float32Array {
  const width = features.length;
  const out = new Float32Array(frame.rowCount * width);
  features.forEach((name, j) => {
    const values = getColumn(frame, name)?.values as Float64Array;
    for (let row = 0; row < frame.rowCount; row++) out[row * width + j] = values[row] as number;
  });
  return out;
}

function classLabels(frame: Frame, target: string, classNames: string[]): Float32Array {
  const values = (getColumn(frame, target)?.values ?? []) as (string | null)[];
  return Float32Array.from(values, (value) => classNames.indexOf(value ?? ''));
}

function numericTarget(frame: Frame, target: string): Float64Array {
  return (getColumn(frame, target)?.values ?? new Float64Array()) as Float64Array;
}

/** Balanced class weights from an enabled `classWeights` step, in label order. */
export function classWeightsOf(fitted: FittedRecipe, classNames: string[]): Float32Array | null {
  for (const { step, params } of fitted.steps) {
    if (step.type !== 'classWeights' || !step.enabled || params === null) continue;
    const { classes, weights } = params as { classes: string[]; weights: number[] };
    return Float32Array.from(classNames, (name) => {
      const index = classes.indexOf(name);
      return index < 0 ? 1 : (weights[index] as number);
    });
  }
  return null;
}

function hasFreshNoise(fitted: FittedRecipe): boolean {
  return fitted.steps.some(({ step }) => step.enabled && REDRAWN_EACH_EPOCH.has(step.type));
}

export interface PreparedRecipeData extends TrainingData {
  ok: true;
  fitted: FittedRecipe;
  /** The model's input columns after the recipe, in matrix column order. */
  features: string[];
  /** parameterCount is 0 here; the trainer fills it. */
  summary: PreparationSummary;
}

/** What a request without a strategy gets: stratified for classes, random for regression. */
export const DEFAULT_SPLIT_STRATEGY: SplitStrategy = { kind: 'stratified' };

/** `text` is the dataset's CSV, a frame read from storage, or why that read failed. */
export function prepareWithRecipe(
  text: DatasetInput,
  request: Pick<TrainRequest, 'dataset' | 'split' | 'splitStrategy' | 'recipe'>,
  seed: number,
  /** Re-deals the split's rows before the recipe is fitted (cross-validation folds). */
  reparts?: (split: SplitFrames) => SplitFrames,
): PreparedRecipeData | PrepareFailure {
  const { dataset } = request;
  const strategy = request.splitStrategy ?? DEFAULT_SPLIT_STRATEGY;
  const parsed = typeof text === 'string' ? frameFromCsv(text, dataset) : text;
  if (!parsed.ok) return parsed;
  const recipe = resolveRecipe(request.recipe ?? null, parsed.frame, dataset);
  if ('ok' in recipe) return recipe;
  const dealt = splitFrame(parsed.frame, dataset, request.split, strategy, seed);
  if (!dealt.ok) return dealt;
  const split = reparts ? reparts(dealt) : dealt;
  const frames = fitOnTrain(recipe, split, dataset, seed);
  if (!frames.ok) return frames;
  const features = checkTrainable(frames, dataset.target);
  if ('ok' in features) return features;

  const { target } = dataset;
  const classNames = split.classDistribution?.classNames ?? [];
  let targetScale: TrainingData['targetScale'] = null;
  let targetOf: (frame: Frame) => Float32Array;
  if (dataset.task === 'classification') {
    targetOf = (frame) => classLabels(frame, target, classNames);
  } else {
    // The target's scale comes from the prepared training rows, like every other statistic.
    const scale = meanAndStd(numericTarget(frames.train, target));
    targetScale = scale;
    targetOf = (frame) =>
      Float32Array.from(numericTarget(frame, target), (v) => (v - scale.mean) / scale.std);
  }
  const inputKinds = parsed.frame.columns.filter((column) => column.name !== target);
  const summary: PreparationSummary = {
    rowsTotal: parsed.rowsTotal,
    rowsDroppedMissing: split.rowsDroppedMissingTarget,
    rowsUsed: split.used.rowCount,
    split: {
      train: split.parts.train.length,
      validation: split.parts.validation.length,
      test: split.parts.test.length,
    },
    featureCount: features.length,
    numericFeatures: inputKinds.filter((c) => c.kind === 'numeric').map((c) => c.name),
    categoricalFeatures: inputKinds.filter((c) => c.kind !== 'numeric').map((c) => c.name),
    steps: frames.reports,
    preparedRows: {
      train: frames.train.rowCount,
      validation: frames.validation.rowCount,
      test: frames.test.rowCount,
    },
    splitStrategy: strategy.kind,
    parameterCount: 0,
  };
  if (split.classDistribution) {
    const { classNames: names, train, validation, test } = split.classDistribution;
    summary.classNames = names;
    summary.classCounts = { train, validation, test };
  }
  const prepared: PreparedRecipeData = {
    ok: true,
    task: dataset.task,
    width: features.length,
    classNames,
    xTrain: toMatrix(frames.train, features),
    yTrain: targetOf(frames.train),
    xVal: toMatrix(frames.validation, features),
    yVal: targetOf(frames.validation),
    xTest: toMatrix(frames.test, features),
    yTest: targetOf(frames.test),
    targetScale,
    classWeights:
      dataset.task === 'classification' ? classWeightsOf(frames.fitted, classNames) : null,
    fitted: frames.fitted,
    features,
    summary,
  };
  if (hasFreshNoise(frames.fitted)) {
    // Gaussian noise is drawn again each epoch: the fitted recipe replayed on the same training
    // rows with another seed (its fitted parameters, the noise scale included, stay as they are).
    prepared.trainForEpoch = (epoch) => {
      const out = applyRecipe(frames.fitted, frames.trainInput, {
        stage: 'train',
        seed: seed + epoch,
      }).frame;
      return { x: toMatrix(out, features), y: targetOf(out) };
    };
  }
  return prepared;
}
