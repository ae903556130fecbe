/**
 * Before/after preview of every recipe step for the Prepare screen. Uses exactly the pipeline
 * training uses (prepare-recipe.ts): split first, fit on the training rows only. Pure
 * TypeScript, no tfjs, so a preview never waits for or disturbs the tensor engine.
 *
 * Invariants: the sample after step k is the training frame replayed through the first k
 * fitted steps at the 'train' stage with the recipe's seed, i.e. the very rows the fit saw;
 * a problem training would hit (a column left unencoded) is reported, not thrown.
 */
import type {
  FrameSample,
  PreviewRequest,
  RecipePreviewResult,
  StepPreview,
} from '../contracts/training';
import { selectRows, type Column, type Frame } from '../core/frame';
import { applyRecipe, serializeRecipe, type BoxPlot, type FittedRecipe } from '../core/recipe';
import {
  checkTrainable,
  fitOnTrain,
  frameFromCsv,
  resolveRecipe,
  splitFrame,
} from './prepare-recipe';
import type { DatasetInput } from './stored-dataset';

export const SAMPLE_ROWS = 5;
/** Wider frames (one-hot, text vectors) show their first columns and a count of the rest. */
export const SAMPLE_COLUMNS = 8;

function formatCell(column: Column, row: number): string {
  const value = column.values[row];
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Number.isNaN(value)) return '';
  if (column.kind === 'datetime') return new Date(value).toISOString();
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
}

export function sampleFrame(frame: Frame, rows = SAMPLE_ROWS): FrameSample {
  const columns = frame.columns.slice(0, SAMPLE_COLUMNS);
  const count = Math.min(rows, frame.rowCount);
  return {
    columns: columns.map((column) => column.name),
    hiddenColumns: frame.columns.length - columns.length,
    rows: Array.from({ length: count }, (_, row) =>
      columns.map((column) => formatCell(column, row)),
    ),
  };
}

function boxesOf(fitted: FittedRecipe, index: number): BoxPlot[] | undefined {
  const entry = fitted.steps[index];
  if (entry?.step.type !== 'outliers' || entry.params === null) return undefined;
  return (entry.params as { boxes: BoxPlot[] }).boxes;
}

/** `text` is the dataset's CSV, a frame read from storage, or why that read failed. */
export function previewRecipe(text: DatasetInput, request: PreviewRequest): RecipePreviewResult {
  const { dataset, seed } = request;
  const parsed = typeof text === 'string' ? frameFromCsv(text, dataset) : text;
  if (!parsed.ok) return parsed;
  const recipe = resolveRecipe(request.recipe, parsed.frame, dataset);
  if ('ok' in recipe) return recipe;
  const split = splitFrame(parsed.frame, dataset, request.split, request.splitStrategy, seed);
  if (!split.ok) return split;
  const frames = fitOnTrain(recipe, split, dataset, seed);
  if (!frames.ok) return frames;

  const trainInput = selectRows(split.used, split.parts.train);
  const steps: StepPreview[] = frames.reports.map((report, index) => {
    const prefix = { ...frames.fitted, steps: frames.fitted.steps.slice(0, index + 1) };
    const after = applyRecipe(prefix, trainInput, { stage: 'train' }).frame;
    const preview: StepPreview = { ...report, sample: sampleFrame(after) };
    const boxes = boxesOf(frames.fitted, index);
    if (boxes) preview.boxes = boxes;
    return preview;
  });
  const result: RecipePreviewResult = {
    ok: true,
    recipe: serializeRecipe(recipe),
    inputColumns: parsed.frame.columns.map(({ name, kind }) => ({ name, kind })),
    rowsTotal: parsed.rowsTotal,
    rowsDroppedMissingTarget: split.rowsDroppedMissingTarget,
    split: {
      train: split.parts.train.length,
      validation: split.parts.validation.length,
      test: split.parts.test.length,
    },
    input: sampleFrame(trainInput),
    steps,
  };
  if (split.classDistribution) result.classDistribution = split.classDistribution;
  const trainable = checkTrainable(frames, dataset.target);
  if ('ok' in trainable) {
    result.problem =
      trainable.params === undefined
        ? { code: trainable.code }
        : { code: trainable.code, params: trainable.params };
  }
  return result;
}
