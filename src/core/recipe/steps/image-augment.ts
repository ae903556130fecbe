/**
 * Image augmentation as a recipe step: the pixel columns of each training row are read as one
 * image (height × width × channels, row-major, interleaved) and flipped, turned, shifted,
 * zoomed, brightened, contrasted, noised or cut out (core/augment/image.ts).
 *
 * Invariants: train-stage only, so validation, test and prediction images are never altered.
 * It learns one thing from rows, the pixel range of the training images (clip bounds and the
 * fill of uncovered pixels), so a step after a scaling step clips to the scaled range.
 * Training replays the fitted recipe with another seed each epoch (REDRAWN_EACH_EPOCH), so
 * every epoch sees new draws; the same seed gives the same images. A row with a missing pixel
 * is left as it is rather than given invented values. Its details carry the first training
 * images as the step received them, for the Prepare screen's live preview.
 */
import type { Frame, NumericColumn } from '../../frame';
import { withColumns } from '../../frame';
import type { ImageAugmentConfig, ImageShape } from '../../augment/image';
import { augmentImage } from '../../augment/image';
import type { StepOptionsMap } from '../step-options';
import { requireNumeric, resolveColumns } from '../helpers';
import { RecipeError, type StepImpl } from '../types';

export type ImageAugmentOptions = StepOptionsMap['imageAugment'];

/** Images the step's details carry for the preview (few: they travel with every report). */
export const PREVIEW_IMAGES = 4;

const FRACTIONS = ['probability', 'shift', 'zoom', 'brightness', 'contrast', 'noise', 'cutoutSize'];
const MAX_DEGREES = 180;
const MAX_HOLES = 20;

function invalid(option: string): RecipeError {
  return new RecipeError('recipe.error.invalidOptions', { option });
}

/** The chosen shape, or one read from the pixel count: square, grey or RGB (never both). */
export function inferImageShape(pixels: number): [number, number, number] | null {
  for (const channels of [1, 3]) {
    const side = Math.round(Math.sqrt(pixels / channels));
    if (side > 0 && side * side * channels === pixels) return [side, side, channels];
  }
  return null;
}

function checkOptions(options: ImageAugmentOptions): void {
  const record = options as unknown as Record<string, unknown>;
  for (const key of FRACTIONS) {
    const value = record[key];
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw invalid(key);
  }
  if (!(options.rotation >= 0 && options.rotation <= MAX_DEGREES)) throw invalid('rotation');
  const holes = options.cutoutHoles;
  if (!(Number.isInteger(holes) && holes >= 0 && holes <= MAX_HOLES)) throw invalid('cutoutHoles');
}

/** The step's flat options as the augmenter's per-operation config (one shared chance). */
export function imageAugmentConfig(options: ImageAugmentOptions): ImageAugmentConfig {
  const probability = options.probability;
  const chance = (enabled: boolean) => ({ enabled, probability });
  return {
    flipHorizontal: chance(options.flipHorizontal),
    flipVertical: chance(options.flipVertical),
    rotation: { ...chance(options.rotation > 0), degrees: options.rotation },
    shift: { ...chance(options.shift > 0), fraction: options.shift },
    zoom: { ...chance(options.zoom > 0), range: options.zoom },
    brightness: { ...chance(options.brightness > 0), delta: options.brightness },
    contrast: { ...chance(options.contrast > 0), range: options.contrast },
    noise: { ...chance(options.noise > 0), sigma: options.noise },
    cutout: {
      ...chance(options.cutoutHoles > 0 && options.cutoutSize > 0),
      holes: options.cutoutHoles,
      size: options.cutoutSize,
    },
  };
}

export function shapeOf([height, width, channels]: readonly number[]): ImageShape {
  return { height: height ?? 0, width: width ?? 0, channels: channels ?? 0 };
}

export const imageAugment: StepImpl<'imageAugment'> = {
  fit: (frame, options, ctx) => {
    checkOptions(options);
    const columns = resolveColumns(frame, options.columns, ['numeric'], ctx);
    const shape = options.shape ? [...options.shape] : inferImageShape(columns.length);
    if (
      !shape ||
      shape.length !== 3 ||
      !shape.every((n) => Number.isInteger(n) && n > 0) ||
      shape[0]! * shape[1]! * shape[2]! !== columns.length
    ) {
      throw invalid('shape');
    }
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (const name of columns) {
      for (const value of requireNumeric(frame, name).values) {
        if (value < low) low = value;
        if (value > high) high = value;
      }
    }
    // No present pixel at all: nothing to learn, and nothing will be changed.
    if (low > high) [low, high] = [0, 0];
    return { columns, shape: shape as [number, number, number], range: [low, high] };
  },
  apply: (frame, options, params, ctx) => {
    const sources = params.columns.map((name) => requireNumeric(frame, name).values);
    const shape = shapeOf(params.shape);
    const config = imageAugmentConfig(options);
    const size = sources.length;
    const outputs = sources.map((values) => Float64Array.from(values));
    const image = new Float64Array(size);
    const preview = Math.min(PREVIEW_IMAGES, frame.rowCount);
    const sample: number[] = [];
    let affected = 0;
    for (let row = 0; row < frame.rowCount; row++) {
      let complete = true;
      for (let p = 0; p < size; p++) {
        const value = (sources[p] as Float64Array)[row] as number;
        if (Number.isNaN(value)) complete = false;
        image[p] = value;
      }
      if (row < preview) sample.push(...image);
      if (!complete) continue;
      const out = augmentImage(image, shape, config, ctx.rng, params.range);
      let changed = false;
      for (let p = 0; p < size; p++) {
        const before = image[p] as number;
        // The augmenter works in float32: a value it did not move keeps its full precision.
        if (out[p] === Math.fround(before)) continue;
        changed = true;
        (outputs[p] as Float64Array)[row] = out[p] as number;
      }
      if (changed) affected++;
    }
    const columns: NumericColumn[] = params.columns.map((name, p) => ({
      name,
      kind: 'numeric',
      values: outputs[p] as Float64Array,
    }));
    const result: Frame = withColumns(frame, columns);
    return {
      frame: result,
      affected,
      details: {
        kind: 'imageSample',
        shape: [...params.shape],
        range: [...params.range],
        count: preview,
        pixels: sample,
      },
    };
  },
  isTrainOnly: () => true,
};
