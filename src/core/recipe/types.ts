/**
 * The recipe model: an ordered list of steps, each with options a person chose, and the
 * parameters a step learns when it is fitted on the training split.
 *
 * Invariants: options and params are plain JSON data (no typed arrays, class instances or
 * functions), so a recipe and a fitted recipe survive `JSON.stringify`, `postMessage` and
 * IndexedDB unchanged. Warnings and errors carry i18n codes with params, never display text.
 */
import type { ColumnKind, Frame } from '../frame';
import type { Rng } from '../rng';
import type { FeatureScore, SelectMethod, StepOptionsMap, StepParamsMap } from './step-options';

export type { StepOptionsMap, StepParamsMap } from './step-options';

export const RECIPE_SCHEMA_VERSION = 1;

export type StepType = keyof StepOptionsMap;

export type Task = 'classification' | 'regression';

export interface StepOf<T extends StepType> {
  id: string;
  type: T;
  enabled: boolean;
  options: StepOptionsMap[T];
  /** i18n key saying why a default recipe added this step. */
  reasonKey?: string;
}

/** Discriminated on `type`, so `step.options` narrows with it. */
export type RecipeStep = { [T in StepType]: StepOf<T> }[StepType];

export interface Recipe {
  schemaVersion: typeof RECIPE_SCHEMA_VERSION;
  steps: RecipeStep[];
}

export interface FitContext {
  target?: string;
  task: Task;
  seed: number;
}

export type Stage = 'train' | 'inference';

export interface ApplyContext extends FitContext {
  stage: Stage;
  /** This step's own stream, derived from the seed and the step id. */
  rng: Rng;
}

export interface StepWarning {
  code: string;
  params: Record<string, string | number>;
}

export interface DuplicateConflict {
  /** Row indices (in the step's input) that share features but not the target. */
  rows: number[];
  targets: string[];
  /** The shared feature values as display text (missing = ''), one per listed column. */
  values: string[];
}

export interface OutlierColumnReport {
  column: string;
  below: number;
  above: number;
}

export type StepDetails =
  | {
      kind: 'duplicates';
      removed: number;
      conflicts: DuplicateConflict[];
      conflictCount: number;
      /** Feature columns whose values each conflict lists, and how many more were left out. */
      columns: string[];
      hiddenColumns: number;
    }
  | { kind: 'outliers'; columns: OutlierColumnReport[] }
  /** What a feature-selection step scored, for a ranking chart (best first). */
  | { kind: 'featureScores'; method: SelectMethod; scores: FeatureScore[]; kept: string[] }
  /** Share of the training variance each principal component explains. */
  | { kind: 'explainedVariance'; ratios: number[] }
  | { kind: 'unknownCategories'; counts: Record<string, number> }
  /** The first training images as an image step received them, for a live preview. */
  | {
      kind: 'imageSample';
      shape: [number, number, number];
      range: [number, number];
      count: number;
      /** `count` images back to back, row-major, channels interleaved. */
      pixels: number[];
    }
  | {
      kind: 'classCounts';
      before: Record<string, number>;
      after: Record<string, number>;
    };

export interface StepReport {
  stepId: string;
  type: StepType;
  /** True where the stage or `enabled: false` made the step a no-op. */
  skipped: boolean;
  rowsBefore: number;
  rowsAfter: number;
  columnsBefore: number;
  columnsAfter: number;
  /** Cells changed or rows removed/added, whichever the step is about. */
  affected: number;
  warnings: StepWarning[];
  details?: StepDetails;
}

export interface StepResult {
  frame: Frame;
  affected: number;
  warnings?: StepWarning[];
  details?: StepDetails;
}

export interface StepImpl<T extends StepType> {
  /** Fits on the training frame only; the result is plain JSON. */
  fit(frame: Frame, options: StepOptionsMap[T], ctx: FitContext): StepParamsMap[T];
  apply(
    frame: Frame,
    options: StepOptionsMap[T],
    params: StepParamsMap[T],
    ctx: ApplyContext,
  ): StepResult;
  /**
   * True for steps that remove, add or perturb rows. They run at the 'train' stage only, so
   * predictions and evaluation on validation and test rows never lose or gain a row.
   */
  isTrainOnly(options: StepOptionsMap[T]): boolean;
}

export type StepRegistry = { [T in StepType]: StepImpl<T> };

export interface FittedStepOf<T extends StepType> {
  step: StepOf<T>;
  params: StepParamsMap[T] | null;
}

export type FittedStep = { [T in StepType]: FittedStepOf<T> }[StepType];

export interface FittedRecipe {
  schemaVersion: typeof RECIPE_SCHEMA_VERSION;
  task: Task;
  target?: string;
  seed: number;
  /** Column names and kinds the recipe was fitted on, minus nothing (the target included). */
  inputColumns: { name: string; kind: ColumnKind }[];
  steps: FittedStep[];
}

export type RecipeErrorCode =
  | 'recipe.error.invalidJson'
  | 'recipe.error.unsupportedVersion'
  | 'recipe.error.unknownStepType'
  | 'recipe.error.invalidStep'
  | 'recipe.error.missingColumn'
  | 'recipe.error.wrongColumnKind'
  | 'recipe.error.targetRequired'
  | 'recipe.error.invalidOptions'
  | 'recipe.error.tooManyColumns';

/** Expected failures with an i18n code; `name` survives comlink, so bridges branch on it. */
export class RecipeError extends Error {
  override readonly name = 'RecipeError';
  constructor(
    readonly code: RecipeErrorCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}
