/**
 * Fitting and applying a recipe.
 *
 * Invariants:
 * - `fitRecipe` fits each enabled step in order on the output of the steps before it, starting
 *   from the training frame, and from nothing else: validation, test and new rows never reach
 *   a `fit`. The fitted recipe is plain JSON and `applyRecipe` never writes into it.
 * - Stages. 'train' is for the training split only. 'inference' is for validation, test and
 *   prediction rows: steps that remove, add or perturb rows (duplicates, missing rows,
 *   outlier drop, row filters, resampling, SMOTE, noise) are skipped there and reported as
 *   skipped, so every input row gets exactly one output row and metrics are computed on real,
 *   unaltered rows. Transforms (imputation, clipping, scaling, encodings...) run at both.
 * - Randomness comes from the recipe seed and each step's id: the same fitted recipe applied at
 *   'train' with the same seed gives the same rows; pass another seed (e.g. per epoch) to draw
 *   fresh noise.
 */
import type { Frame } from '../frame';
import { stepRng } from './helpers';
import { STEP_REGISTRY } from './registry';
import {
  RECIPE_SCHEMA_VERSION,
  type ApplyContext,
  type FitContext,
  type FittedRecipe,
  type FittedStep,
  type Recipe,
  type RecipeStep,
  type Stage,
  type StepReport,
  type StepResult,
} from './types';

/** The registry seen through one signature; each entry checks its own option types. */
interface AnyStepImpl {
  fit(frame: Frame, options: unknown, ctx: FitContext): unknown;
  apply(frame: Frame, options: unknown, params: unknown, ctx: ApplyContext): StepResult;
  isTrainOnly(options: unknown): boolean;
}

function implOf(step: RecipeStep): AnyStepImpl {
  return STEP_REGISTRY[step.type] as unknown as AnyStepImpl;
}

function skippedReport(step: RecipeStep, frame: Frame): StepReport {
  return {
    stepId: step.id,
    type: step.type,
    skipped: true,
    rowsBefore: frame.rowCount,
    rowsAfter: frame.rowCount,
    columnsBefore: frame.columns.length,
    columnsAfter: frame.columns.length,
    affected: 0,
    warnings: [],
  };
}

function runStep(
  step: RecipeStep,
  params: unknown,
  frame: Frame,
  ctx: FitContext & { stage: Stage },
): { frame: Frame; report: StepReport } {
  const impl = implOf(step);
  if (!step.enabled || (ctx.stage === 'inference' && impl.isTrainOnly(step.options))) {
    return { frame, report: skippedReport(step, frame) };
  }
  const result = impl.apply(frame, step.options, params, {
    ...ctx,
    rng: stepRng(ctx.seed, step.id),
  });
  const report: StepReport = {
    stepId: step.id,
    type: step.type,
    skipped: false,
    rowsBefore: frame.rowCount,
    rowsAfter: result.frame.rowCount,
    columnsBefore: frame.columns.length,
    columnsAfter: result.frame.columns.length,
    affected: result.affected,
    warnings: result.warnings ?? [],
  };
  if (result.details) report.details = result.details;
  return { frame: result.frame, report };
}

export interface RecipeOutput {
  frame: Frame;
  reports: StepReport[];
}

/** Fits on the training frame and returns the transformed training frame alongside. */
export function fitTransformRecipe(
  recipe: Recipe,
  trainFrame: Frame,
  ctx: FitContext,
): RecipeOutput & { fitted: FittedRecipe } {
  let frame = trainFrame;
  const steps: FittedStep[] = [];
  const reports: StepReport[] = [];
  for (const step of recipe.steps) {
    const params = step.enabled ? implOf(step).fit(frame, step.options, ctx) : null;
    steps.push({ step, params } as FittedStep);
    const out = runStep(step, params, frame, { ...ctx, stage: 'train' });
    frame = out.frame;
    reports.push(out.report);
  }
  const fitted: FittedRecipe = {
    schemaVersion: RECIPE_SCHEMA_VERSION,
    task: ctx.task,
    seed: ctx.seed,
    inputColumns: trainFrame.columns.map(({ name, kind }) => ({ name, kind })),
    steps,
  };
  if (ctx.target !== undefined) fitted.target = ctx.target;
  return { fitted, frame, reports };
}

export function fitRecipe(recipe: Recipe, trainFrame: Frame, ctx: FitContext): FittedRecipe {
  return fitTransformRecipe(recipe, trainFrame, ctx).fitted;
}

export interface ApplyOptions {
  stage: Stage;
  /** Overrides the fitted seed for random train-stage steps (fresh noise per epoch). */
  seed?: number;
}

export function applyRecipe(
  fitted: FittedRecipe,
  frame: Frame,
  options: ApplyOptions,
): RecipeOutput {
  const ctx = {
    task: fitted.task,
    seed: options.seed ?? fitted.seed,
    stage: options.stage,
    ...(fitted.target === undefined ? {} : { target: fitted.target }),
  };
  let current = frame;
  const reports: StepReport[] = [];
  for (const { step, params } of fitted.steps) {
    const out = runStep(step, params, current, ctx);
    current = out.frame;
    reports.push(out.report);
  }
  return { frame: current, reports };
}
