/**
 * The image augmentation preview's grid: each of the step's first training images, then
 * `variants` augmented versions drawn with the step's current options, as grey values in
 * [0, 1] for ImageGridCanvas (RGB is shown by its luma: the grid draws grey only).
 *
 * Invariants: pure and seeded (the same sample, options and draw give the same grid), computed
 * on the main thread because it is a few tiny images; the training run draws its own images.
 */
import type { ImageGrid } from '../../contracts/generative';
import { augmentImage } from '../../core/augment/image';
import type { StepDetails, StepOptionsMap } from '../../core/recipe';
import { imageAugmentConfig, shapeOf } from '../../core/recipe/steps/image-augment';
import { createRng } from '../../core/rng';

export type ImageSample = Extract<StepDetails, { kind: 'imageSample' }>;

/** Augmented versions shown beside each original. */
export const PREVIEW_VARIANTS = 5;

const LUMA = [0.299, 0.587, 0.114];

function toGrey(
  pixels: ArrayLike<number>,
  channels: number,
  low: number,
  span: number,
  out: Float32Array,
  at: number,
): void {
  const count = pixels.length / channels;
  for (let p = 0; p < count; p++) {
    let value = 0;
    if (channels === 3) {
      for (let k = 0; k < 3; k++) value += (LUMA[k] as number) * (pixels[p * 3 + k] as number);
    } else {
      value = pixels[p * channels] as number;
    }
    out[at + p] = span > 0 ? (value - low) / span : 0;
  }
}

export function augmentPreviewGrid(
  sample: ImageSample,
  options: StepOptionsMap['imageAugment'],
  draw: number,
  variants = PREVIEW_VARIANTS,
): ImageGrid {
  const shape = shapeOf(sample.shape);
  const size = shape.height * shape.width * shape.channels;
  const area = shape.height * shape.width;
  const [low, high] = sample.range;
  const config = imageAugmentConfig(options);
  const rng = createRng(draw);
  const count = sample.count * (1 + variants);
  const pixels = new Float32Array(count * area);
  for (let n = 0; n < sample.count; n++) {
    const original = sample.pixels.slice(n * size, (n + 1) * size);
    const row = n * (1 + variants);
    toGrey(original, shape.channels, low, high - low, pixels, row * area);
    for (let v = 1; v <= variants; v++) {
      const augmented = augmentImage(original, shape, config, rng, sample.range);
      toGrey(augmented, shape.channels, low, high - low, pixels, (row + v) * area);
    }
  }
  return { count, height: shape.height, width: shape.width, pixels };
}
