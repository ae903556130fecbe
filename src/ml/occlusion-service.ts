/**
 * Occlusion map of one image in the prediction worker: the chosen image (a test image of the
 * run, drawn again from the same split settings and seed, or pixels the user drew) is copied
 * once per patch position with that patch filled, the copies go through the fitted recipe and
 * the model in batches (`PredictService.outputsForFrame`, so CNNs, MLPs and classical learners
 * on pixels all work), and each copy's drop in the watched class's probability becomes heat.
 *
 * Invariants: occlusion happens on the raw pixel values, before the recipe (a zero patch is
 * black whatever scaling the recipe applies); the model is only called through the predictor,
 * which owns and disposes every tensor; a cancel is honoured between two batches.
 */
import type {
  OcclusionImage,
  OcclusionRequest,
  OcclusionResult,
  PredictableModel,
} from '../contracts/predict';
import { getColumn, numericColumn, type Frame } from '../core/frame';
import {
  defaultStride,
  inferImageShape,
  meanFill,
  occludeInto,
  occlusionHeatMap,
  occlusionPatches,
  type ImageShape,
} from '../core/occlusion';
import { parseFitted, RecipeError, type FittedRecipe } from '../core/recipe';
import { modelInputColumns, type PredictService } from './predict';
import { drawTestSplit } from './test-examples';
import { yieldToEventLoop } from './yield';

/** Occluded copies per model call: a few hundred kB of pixels, one call per progress step. */
export const OCCLUSION_BATCH = 64;
/** Larger patches hide most of a small image and say little. */
export const MAX_OCCLUSION_PATCH = 16;
/** Below this side a grid of numbers is a table, not an image (iris would be 2×2). */
const MIN_IMAGE_SIDE = 4;

type Failure = Extract<OcclusionResult, { ok: false; params?: unknown }>;

export interface OcclusionOptions {
  isCancelled: () => boolean;
  onProgress: (done: number, total: number) => void;
  /** The run's dataset as a frame (test images only). */
  loadFrame: (
    dataset: Extract<OcclusionImage, { kind: 'test' }>['dataset'],
  ) => Promise<{ ok: true; frame: Frame } | Omit<Failure, 'jobId'>>;
  now?: () => number;
}

interface ChosenImage {
  pixels: Float64Array;
  pixelMax: number;
  trueIndex: number;
  testIndex: number | null;
  testCount: number | null;
}

/** The top of the pixels' range: 1, 16 (digits) or 255 (8-bit images). */
export function rangeTop(max: number): number {
  if (max <= 1) return 1;
  return max <= 16 ? 16 : 255;
}

function argmax(values: ArrayLike<number>, from: number, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) {
    if ((values[from + c] as number) > (values[from + best] as number)) best = c;
  }
  return best;
}

export function imageShapeOf(model: PredictableModel, pixelCount: number): ImageShape | null {
  const shape = inferImageShape(pixelCount, model.builder?.spec.inputShape ?? null);
  if (!shape) return null;
  const isDeclared = model.builder?.spec.inputShape.length === 3;
  return isDeclared || Math.min(shape.height, shape.width) >= MIN_IMAGE_SIDE ? shape : null;
}

async function chooseImage(
  request: OcclusionRequest,
  names: string[],
  fitted: FittedRecipe,
  options: OcclusionOptions,
): Promise<ChosenImage | Failure> {
  const { jobId, image } = request;
  if (image.kind === 'pixels') {
    if (image.values.length !== names.length || image.values.some((v) => !Number.isFinite(v))) {
      return { ok: false, jobId, code: 'predict.error.occlusionBadPixels' };
    }
    const pixels = Float64Array.from(image.values);
    return {
      pixels,
      pixelMax: rangeTop(Math.max(...pixels)),
      trueIndex: -1,
      testIndex: null,
      testCount: null,
    };
  }
  const loaded = await options.loadFrame(image.dataset);
  if (!loaded.ok) return { ...loaded, jobId };
  const split = drawTestSplit(loaded.frame, image);
  if (!split.ok) return { ...split, jobId };
  const testRows = split.test;
  const row = testRows[image.index];
  if (!Number.isInteger(image.index) || row === undefined) {
    return {
      ok: false,
      jobId,
      code: 'predict.error.occlusionNoSuchImage',
      params: { index: image.index + 1, count: testRows.length },
    };
  }
  const pixels = new Float64Array(names.length);
  let max = 0;
  for (let j = 0; j < names.length; j++) {
    const column = getColumn(split.used, names[j] as string);
    if (column?.kind !== 'numeric') {
      return {
        ok: false,
        jobId,
        code: 'predict.error.missingColumns',
        params: { columns: names[j] as string, count: 1 },
      };
    }
    pixels[j] = column.values[row] as number;
    for (const v of column.values) if (v > max) max = v;
  }
  const target = getColumn(split.used, fitted.target ?? image.dataset.target);
  const label = target && target.kind !== 'numeric' ? target.values[row] : null;
  const classNames = request.model.schema.classNames;
  return {
    pixels,
    pixelMax: rangeTop(max),
    trueIndex: typeof label === 'string' ? classNames.indexOf(label) : -1,
    testIndex: image.index,
    testCount: testRows.length,
  };
}

/** A frame of `rows` images (row-major pixel blocks) with one numeric column per input. */
function pixelFrame(names: string[], block: Float64Array, rows: number): Frame {
  const width = names.length;
  const columns = names.map((name, j) => {
    const values = new Float64Array(rows);
    for (let r = 0; r < rows; r++) values[r] = block[r * width + j] as number;
    return numericColumn(name, values);
  });
  return { columns, rowCount: rows };
}

export async function runOcclusion(
  request: OcclusionRequest,
  predictor: PredictService,
  options: OcclusionOptions,
): Promise<OcclusionResult> {
  const { jobId, model } = request;
  const now = options.now ?? (() => performance.now());
  const started = now();
  let fitted: FittedRecipe;
  try {
    fitted = parseFitted(model.fittedRecipe);
  } catch (error) {
    if (error instanceof RecipeError) return { ok: false, jobId, code: error.code };
    throw error;
  }
  const { classNames } = model.schema;
  if (fitted.task === 'regression' || classNames.length < 2) {
    return { ok: false, jobId, code: 'predict.error.occlusionNeedsClassifier' };
  }
  const inputs = modelInputColumns(fitted);
  const names = inputs.map((c) => c.name);
  const shape = inputs.every((c) => c.kind === 'numeric')
    ? imageShapeOf(model, names.length)
    : null;
  if (!shape) return { ok: false, jobId, code: 'predict.error.occlusionNotImage' };
  const patch = request.patch;
  const stride = request.stride ?? defaultStride(patch);
  const limit = Math.min(MAX_OCCLUSION_PATCH, shape.height, shape.width);
  if (
    !Number.isInteger(patch) ||
    patch < 1 ||
    patch > limit ||
    !Number.isInteger(stride) ||
    stride < 1
  ) {
    return { ok: false, jobId, code: 'predict.error.occlusionPatch', params: { limit } };
  }
  const chosen = await chooseImage(request, names, fitted, options);
  if ('ok' in chosen) return chosen;

  const base = await predictor.outputsForFrame(model, pixelFrame(names, chosen.pixels, 1));
  if (!base.ok) return { ...base, jobId };
  const k = classNames.length;
  const predictedIndex = argmax(base.outputs, 0, k);
  const classIndex = request.classIndex ?? predictedIndex;
  if (!Number.isInteger(classIndex) || classIndex < 0 || classIndex >= k) {
    return { ok: false, jobId, code: 'predict.error.occlusionClass' };
  }
  const baseProbability = base.outputs[classIndex] as number;

  const patches = occlusionPatches(shape, patch, stride);
  const fill = request.fill === 'mean' ? meanFill(chosen.pixels) : 0;
  const drops = new Float64Array(patches.length);
  const width = names.length;
  const block = new Float64Array(OCCLUSION_BATCH * width);
  options.onProgress(0, patches.length);
  for (let start = 0; start < patches.length; start += OCCLUSION_BATCH) {
    await yieldToEventLoop();
    if (options.isCancelled()) return { ok: false, jobId, code: 'cancelled' };
    const rows = Math.min(OCCLUSION_BATCH, patches.length - start);
    for (let r = 0; r < rows; r++) {
      const view = block.subarray(r * width, (r + 1) * width);
      occludeInto(view, chosen.pixels, shape, patches[start + r] as (typeof patches)[number], fill);
    }
    const out = await predictor.outputsForFrame(model, pixelFrame(names, block, rows));
    if (!out.ok) return { ...out, jobId };
    for (let r = 0; r < rows; r++) {
      drops[start + r] = baseProbability - (out.outputs[r * k + classIndex] as number);
    }
    options.onProgress(start + rows, patches.length);
  }
  return {
    ok: true,
    jobId,
    height: shape.height,
    width: shape.width,
    channels: shape.channels,
    pixels: Array.from(chosen.pixels),
    pixelMax: chosen.pixelMax,
    heat: Array.from(occlusionHeatMap(shape, patches, drops)),
    patch,
    stride,
    classNames: [...classNames],
    classIndex,
    predictedIndex,
    baseProbability,
    trueIndex: chosen.trueIndex,
    testIndex: chosen.testIndex,
    testCount: chosen.testCount,
    evaluations: patches.length,
    durationMs: now() - started,
  };
}
