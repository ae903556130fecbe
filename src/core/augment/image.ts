/**
 * Image augmentation: random flips, rotation, shift, zoom, brightness, contrast, Gaussian noise
 * and cutout on one image stored row-major and interleaved (height × width × channels).
 *
 * Invariants:
 * - Pure and seeded: the caller's rng is the only randomness, so the same image, config and
 *   seed give the same result on every platform; the input is never written.
 * - The output has the input's shape and stays inside `range` (the pixel range the values
 *   live in). Pixels moved in from outside the frame and cutout holes take `range[0]`, the
 *   background of the built-in digit and clothing images.
 * - An operation at zero strength (0 degrees, no shift, zoom 1, ...) returns the image
 *   unchanged bit for bit: nothing is resampled, so an enabled but idle operation never blurs.
 * - Rotation, shift and zoom are composed into one affine map and resampled once (bilinear),
 *   so combining them blurs no more than any one of them.
 */
import { normalSample, type Rng } from '../rng';

export interface ImageShape {
  height: number;
  width: number;
  channels: number;
}

/** [low, high]: results are clipped to it, and `low` fills whatever has no source pixel. */
export type PixelRange = readonly [number, number];

interface Chance {
  enabled: boolean;
  /** Chance in [0, 1] that the operation is applied to a given image. */
  probability: number;
}

export interface ImageAugmentConfig {
  flipHorizontal: Chance;
  flipVertical: Chance;
  /** Angle drawn uniformly from ±degrees; positive turns counter-clockwise. */
  rotation: Chance & { degrees: number };
  /** Offsets drawn uniformly from ±fraction of the width and of the height. */
  shift: Chance & { fraction: number };
  /** Scale drawn uniformly from [1 − range, 1 + range]; above 1 zooms in. */
  zoom: Chance & { range: number };
  /** Offset drawn uniformly from ±delta × (high − low). */
  brightness: Chance & { delta: number };
  /** Factor drawn uniformly from [1 − range, 1 + range], around the image's mean. */
  contrast: Chance & { range: number };
  /** Independent N(0, (sigma × (high − low))²) per value. */
  noise: Chance & { sigma: number };
  /** `holes` squares of side `size` × the shorter side (at least one pixel), inside the image. */
  cutout: Chance & { holes: number; size: number };
}

const off = { enabled: false, probability: 0.5 };

/** Every operation off; spread it and turn on what you need. */
export const IMAGE_AUGMENT_OFF: ImageAugmentConfig = {
  flipHorizontal: { ...off },
  flipVertical: { ...off },
  rotation: { ...off, degrees: 0 },
  shift: { ...off, fraction: 0 },
  zoom: { ...off, range: 0 },
  brightness: { ...off, delta: 0 },
  contrast: { ...off, range: 0 },
  noise: { ...off, sigma: 0 },
  cutout: { ...off, holes: 0, size: 0 },
};

export type PixelArray = ArrayLike<number>;

function checkShape(length: number, shape: ImageShape): void {
  const { height, width, channels } = shape;
  const whole = [height, width, channels].every((n) => Number.isInteger(n) && n > 0);
  if (!whole || height * width * channels !== length) {
    throw new RangeError(`image of ${length} values is not ${height}×${width}×${channels}`);
  }
}

/** Draws whether an operation runs; a disabled one draws nothing, so it changes no later draw. */
function fires(op: Chance, rng: Rng): boolean {
  return op.enabled && op.probability > 0 && rng() < op.probability;
}

const uniform = (rng: Rng, half: number): number => (2 * rng() - 1) * half;

export function flipHorizontal(pixels: PixelArray, shape: ImageShape): Float32Array {
  checkShape(pixels.length, shape);
  const { height, width, channels } = shape;
  const out = new Float32Array(pixels.length);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const from = (r * width + (width - 1 - c)) * channels;
      const to = (r * width + c) * channels;
      for (let k = 0; k < channels; k++) out[to + k] = pixels[from + k] as number;
    }
  }
  return out;
}

export function flipVertical(pixels: PixelArray, shape: ImageShape): Float32Array {
  checkShape(pixels.length, shape);
  const { height, width, channels } = shape;
  const row = width * channels;
  const out = new Float32Array(pixels.length);
  for (let r = 0; r < height; r++) {
    const from = (height - 1 - r) * row;
    for (let i = 0; i < row; i++) out[r * row + i] = pixels[from + i] as number;
  }
  return out;
}

export interface AffineParams {
  /** Counter-clockwise, in degrees. */
  degrees: number;
  /** Pixels right and down. */
  dx: number;
  dy: number;
  /** Above 1 zooms in. */
  scale: number;
}

/**
 * Rotation about the centre, zoom and shift as one inverse map: every output pixel reads the
 * source point it came from, bilinearly; points outside the frame read `fill`.
 */
export function affineTransform(
  pixels: PixelArray,
  shape: ImageShape,
  params: AffineParams,
  fill: number,
): Float32Array {
  checkShape(pixels.length, shape);
  const { height, width, channels } = shape;
  const { degrees, dx, dy, scale } = params;
  if (!(scale > 0)) throw new RangeError(`zoom scale must be positive: ${scale}`);
  const out = new Float32Array(pixels.length);
  if (degrees === 0 && dx === 0 && dy === 0 && scale === 1) {
    for (let i = 0; i < pixels.length; i++) out[i] = pixels[i] as number;
    return out;
  }
  const angle = (degrees * Math.PI) / 180;
  const cos = Math.cos(angle) / scale;
  const sin = Math.sin(angle) / scale;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  const read = (r: number, c: number, k: number): number =>
    r < 0 || r >= height || c < 0 || c >= width
      ? fill
      : (pixels[(r * width + c) * channels + k] as number);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      // Image rows grow downwards, so a counter-clockwise turn on screen is clockwise in (x, y).
      const x = c - cx - dx;
      const y = r - cy - dy;
      const sx = cos * x - sin * y + cx;
      const sy = sin * x + cos * y + cy;
      const c0 = Math.floor(sx);
      const r0 = Math.floor(sy);
      const fx = sx - c0;
      const fy = sy - r0;
      const at = (r * width + c) * channels;
      for (let k = 0; k < channels; k++) {
        const top = read(r0, c0, k) * (1 - fx) + read(r0, c0 + 1, k) * fx;
        const bottom = read(r0 + 1, c0, k) * (1 - fx) + read(r0 + 1, c0 + 1, k) * fx;
        out[at + k] = top * (1 - fy) + bottom * fy;
      }
    }
  }
  return out;
}

/** Adds `offset` to every value (in place). */
function brighten(values: Float32Array, offset: number): void {
  for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) + offset;
}

/** Scales every value's distance from the image mean by `factor` (in place). */
function contrastAroundMean(values: Float32Array, factor: number): void {
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / values.length;
  for (let i = 0; i < values.length; i++)
    values[i] = mean + ((values[i] as number) - mean) * factor;
}

/** Returns how many values the holes covered (overlapping holes count once). */
function cutHoles(
  values: Float32Array,
  shape: ImageShape,
  holes: number,
  size: number,
  fill: number,
  rng: Rng,
): number {
  const { height, width, channels } = shape;
  const side = Math.min(height, width, Math.max(1, Math.round(size * Math.min(height, width))));
  const covered = new Uint8Array(height * width);
  for (let h = 0; h < holes; h++) {
    const top = Math.floor(rng() * (height - side + 1));
    const left = Math.floor(rng() * (width - side + 1));
    for (let r = top; r < top + side; r++) {
      for (let c = left; c < left + side; c++) {
        covered[r * width + c] = 1;
        for (let k = 0; k < channels; k++) values[(r * width + c) * channels + k] = fill;
      }
    }
  }
  let count = 0;
  for (const hit of covered) count += hit;
  return count * channels;
}

function clip(values: Float32Array, [low, high]: PixelRange): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    values[i] = v < low ? low : v > high ? high : v;
  }
}

/**
 * One augmented copy of `pixels`. Operations run in a fixed order: flips, the affine map
 * (rotation, shift, zoom), brightness, contrast, noise, cutout; then values are clipped to
 * `range`. Each enabled operation first draws whether it fires (its probability), then its
 * amounts.
 */
export function augmentImage(
  pixels: PixelArray,
  shape: ImageShape,
  config: ImageAugmentConfig,
  rng: Rng,
  range: PixelRange = [0, 1],
): Float32Array {
  checkShape(pixels.length, shape);
  const [low, high] = range;
  if (!(high >= low)) throw new RangeError(`pixel range must be ordered: ${low}, ${high}`);
  const span = high - low;
  let out: Float32Array = Float32Array.from(pixels);
  if (fires(config.flipHorizontal, rng)) out = flipHorizontal(out, shape);
  if (fires(config.flipVertical, rng)) out = flipVertical(out, shape);

  const affine: AffineParams = { degrees: 0, dx: 0, dy: 0, scale: 1 };
  if (fires(config.rotation, rng)) affine.degrees = uniform(rng, config.rotation.degrees);
  if (fires(config.shift, rng)) {
    affine.dx = uniform(rng, config.shift.fraction) * shape.width;
    affine.dy = uniform(rng, config.shift.fraction) * shape.height;
  }
  if (fires(config.zoom, rng)) affine.scale = 1 + uniform(rng, config.zoom.range);
  out = affineTransform(out, shape, affine, low);

  if (fires(config.brightness, rng)) {
    const offset = uniform(rng, config.brightness.delta) * span;
    if (offset !== 0) brighten(out, offset);
  }
  if (fires(config.contrast, rng)) {
    const factor = 1 + uniform(rng, config.contrast.range);
    if (factor !== 1) contrastAroundMean(out, factor);
  }
  if (fires(config.noise, rng) && config.noise.sigma > 0) {
    const sigma = config.noise.sigma * span;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) + sigma * normalSample(rng);
  }
  if (fires(config.cutout, rng) && config.cutout.holes > 0) {
    cutHoles(out, shape, Math.floor(config.cutout.holes), config.cutout.size, low, rng);
  }
  clip(out, range);
  return out;
}

/** `count` images back to back in `pixels`, each augmented with its own draws, in order. */
export function augmentBatch(
  pixels: PixelArray,
  count: number,
  shape: ImageShape,
  config: ImageAugmentConfig,
  rng: Rng,
  range: PixelRange = [0, 1],
): Float32Array {
  const size = shape.height * shape.width * shape.channels;
  if (!Number.isInteger(count) || count < 0 || count * size !== pixels.length) {
    throw new RangeError(`${pixels.length} values are not ${count} images of ${size}`);
  }
  const out = new Float32Array(pixels.length);
  const one = new Float32Array(size);
  for (let n = 0; n < count; n++) {
    for (let i = 0; i < size; i++) one[i] = pixels[n * size + i] as number;
    out.set(augmentImage(one, shape, config, rng, range), n * size);
  }
  return out;
}

/** `holes` squares of `size` × the shorter side set to `fill`; `covered` counts values hit. */
export function cutout(
  pixels: PixelArray,
  shape: ImageShape,
  holes: number,
  size: number,
  fill: number,
  rng: Rng,
): { pixels: Float32Array; covered: number } {
  checkShape(pixels.length, shape);
  const out = Float32Array.from(pixels);
  return { pixels: out, covered: cutHoles(out, shape, Math.floor(holes), size, fill, rng) };
}
