/**
 * The raw input values of chosen test rows of a run, for the confusion matrix's cell list.
 * Image models (the same detection the occlusion map uses: square, greyscale or RGB) answer
 * their pixel columns, to be drawn as thumbnails; other models answer the dataset's declared
 * feature columns as the file has them, before the recipe.
 *
 * Invariants: the rows are those of `drawTestSplit` (the run's own test split); at most
 * MAX_TEST_EXAMPLES rows and MAX_EXAMPLE_VALUES values per row cross back to the page.
 */
import type {
  TestExampleValue,
  TestExamplesRequest,
  TestExamplesResult,
} from '../contracts/predict';
import { getColumn, isMissing, type Column, type Frame } from '../core/frame';
import { parseFitted, RecipeError } from '../core/recipe';
import { imageShapeOf, rangeTop } from './occlusion-service';
import { modelInputColumns } from './predict';
import { drawTestSplit } from './test-examples';

/** The cell list shows at most this many rows. */
export const MAX_TEST_EXAMPLES = 100;
/** A 64×64 image; wider rows are cut here. */
export const MAX_EXAMPLE_VALUES = 4096;

function valueOf(column: Column, row: number): TestExampleValue {
  if (isMissing(column, row)) return null;
  const value = column.values[row] as number | string;
  return column.kind === 'datetime' ? new Date(value as number).toISOString() : value;
}

function pixelColumns(
  request: TestExamplesRequest,
  frame: Frame,
): { names: string[]; image: { side: number; max: number; channels?: 3 } } | null {
  const inputs = modelInputColumns(parseFitted(request.model.fittedRecipe));
  if (!inputs.every((c) => c.kind === 'numeric')) return null;
  const names = inputs.map((c) => c.name);
  const shape = imageShapeOf(request.model, names.length);
  if (!shape || shape.height !== shape.width) return null;
  if (shape.channels !== 1 && shape.channels !== 3) return null;
  if (names.length > MAX_EXAMPLE_VALUES) return null;
  let max = 0;
  for (const name of names) {
    const column = getColumn(frame, name);
    if (column?.kind !== 'numeric') return null;
    for (const v of column.values) if (v > max) max = v;
  }
  const image = { side: shape.width, max: rangeTop(max) };
  // Greyscale answers stay as they were; an imported RGB set says so.
  return { names, image: shape.channels === 3 ? { ...image, channels: 3 } : image };
}

export function runTestExamples(request: TestExamplesRequest, frame: Frame): TestExamplesResult {
  const split = drawTestSplit(frame, request);
  if (!split.ok) return split;
  let pixels: ReturnType<typeof pixelColumns>;
  try {
    pixels = pixelColumns(request, split.used);
  } catch (error) {
    if (error instanceof RecipeError) return { ok: false, code: error.code };
    throw error;
  }
  const declared = request.dataset.features
    .map((f) => f.name)
    .filter((name) => name !== request.dataset.target && getColumn(split.used, name));
  const all = pixels?.names ?? declared;
  const columns = all.slice(0, MAX_EXAMPLE_VALUES).map((name) => getColumn(split.used, name));
  const target = getColumn(split.used, request.dataset.target);
  const rows = request.rows
    .slice(0, MAX_TEST_EXAMPLES)
    .filter((index) => Number.isInteger(index) && split.test[index] !== undefined);
  const values: TestExampleValue[][] = [];
  const targets: TestExampleValue[] = [];
  for (const index of rows) {
    const row = split.test[index] as number;
    values.push(columns.map((column) => (column ? valueOf(column, row) : null)));
    targets.push(target ? valueOf(target, row) : null);
  }
  return {
    ok: true,
    rows,
    columns: columns.map((column, j) => column?.name ?? (all[j] as string)),
    totalColumns: all.length,
    values,
    targets,
    image: pixels?.image ?? null,
  };
}
