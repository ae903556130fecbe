/**
 * Occlusion sensitivity (Zeiler & Fergus 2014): slide a square patch of a fill value over an
 * image, ask the model again for each covered position, and read how much the probability of
 * one class drops. A pixel's heat is the mean drop over every patch that covered it, so
 * overlapping patches (stride < patch) give a smooth map at pixel resolution.
 *
 * Invariants: the patch positions always reach the right and bottom edges (a last position is
 * added flush with the edge when the stride does not land there), so every pixel is covered at
 * least once; images are row-major `height × width × channels`, interleaved, and a patch covers
 * every channel of its pixels; nothing here mutates its inputs.
 */

export interface ImageShape {
  height: number;
  width: number;
  /** 1 (grayscale) or 3 (RGB), interleaved per pixel. */
  channels: number;
}

/** One occluded square: its top-left pixel and side (clamped to the image). */
export interface OcclusionPatch {
  top: number;
  left: number;
  height: number;
  width: number;
}

export type OcclusionRegion =
  | 'top-left'
  | 'top-centre'
  | 'top-right'
  | 'middle-left'
  | 'centre'
  | 'middle-right'
  | 'bottom-left'
  | 'bottom-centre'
  | 'bottom-right';

const REGION_ROWS = ['top', 'middle', 'bottom'] as const;
const REGION_COLUMNS = ['left', 'centre', 'right'] as const;

/** Start offsets along one axis: 0, stride, 2·stride, … and one flush with the far edge. */
export function patchOffsets(length: number, patch: number, stride: number): number[] {
  if (!Number.isInteger(length) || length < 1) throw new RangeError('occlusion: empty image');
  if (!Number.isInteger(patch) || patch < 1) throw new RangeError('occlusion: patch must be ≥ 1');
  if (!Number.isInteger(stride) || stride < 1) {
    throw new RangeError('occlusion: stride must be ≥ 1');
  }
  const side = Math.min(patch, length);
  const last = length - side;
  const offsets: number[] = [];
  for (let at = 0; at <= last; at += stride) offsets.push(at);
  if (offsets[offsets.length - 1] !== last) offsets.push(last);
  return offsets;
}

/** Every patch position, row by row (top to bottom, then left to right). */
export function occlusionPatches(
  shape: Pick<ImageShape, 'height' | 'width'>,
  patch: number,
  stride: number,
): OcclusionPatch[] {
  const rows = patchOffsets(shape.height, patch, stride);
  const columns = patchOffsets(shape.width, patch, stride);
  const height = Math.min(patch, shape.height);
  const width = Math.min(patch, shape.width);
  const patches: OcclusionPatch[] = [];
  for (const top of rows) for (const left of columns) patches.push({ top, left, height, width });
  return patches;
}

/** Writes `image` with `patch` set to `fill` into `out` (same length as the image). */
export function occludeInto(
  out: Float32Array | Float64Array,
  image: ArrayLike<number>,
  shape: ImageShape,
  patch: OcclusionPatch,
  fill: number,
): void {
  const { width, channels } = shape;
  for (let i = 0; i < image.length; i++) out[i] = image[i] as number;
  for (let y = patch.top; y < patch.top + patch.height; y++) {
    for (let x = patch.left; x < patch.left + patch.width; x++) {
      const base = (y * width + x) * channels;
      for (let c = 0; c < channels; c++) out[base + c] = fill;
    }
  }
}

/** A copy of the image with one patch filled. */
export function occludeImage(
  image: ArrayLike<number>,
  shape: ImageShape,
  patch: OcclusionPatch,
  fill: number,
): Float64Array {
  const out = new Float64Array(image.length);
  occludeInto(out, image, shape, patch, fill);
  return out;
}

/** The image's mean value: a fill that keeps its overall brightness. */
export function meanFill(image: ArrayLike<number>): number {
  if (image.length === 0) return 0;
  let total = 0;
  for (let i = 0; i < image.length; i++) total += image[i] as number;
  return total / image.length;
}

/**
 * Per-pixel heat (`height × width`, row-major): the mean of `drops[p]` over the patches `p`
 * that cover the pixel. Positive: hiding it lowers the class's probability.
 */
export function occlusionHeatMap(
  shape: Pick<ImageShape, 'height' | 'width'>,
  patches: readonly OcclusionPatch[],
  drops: ArrayLike<number>,
): Float64Array {
  if (drops.length !== patches.length) {
    throw new RangeError('occlusion: one drop per patch expected');
  }
  const { height, width } = shape;
  const sum = new Float64Array(height * width);
  const count = new Uint32Array(height * width);
  patches.forEach((patch, p) => {
    const drop = drops[p] as number;
    for (let y = patch.top; y < patch.top + patch.height; y++) {
      for (let x = patch.left; x < patch.left + patch.width; x++) {
        sum[y * width + x] = (sum[y * width + x] as number) + drop;
        count[y * width + x] = (count[y * width + x] as number) + 1;
      }
    }
  });
  for (let i = 0; i < sum.length; i++) {
    const n = count[i] as number;
    sum[i] = n === 0 ? 0 : (sum[i] as number) / n;
  }
  return sum;
}

/**
 * The third of the image (3 × 3 grid) whose positive heat is largest, for a one-line summary;
 * null when no pixel's occlusion lowers the probability.
 */
export function hottestRegion(
  heat: ArrayLike<number>,
  shape: Pick<ImageShape, 'height' | 'width'>,
): OcclusionRegion | null {
  const { height, width } = shape;
  const totals = new Float64Array(9);
  for (let y = 0; y < height; y++) {
    const row = Math.min(2, Math.floor((y * 3) / height));
    for (let x = 0; x < width; x++) {
      const value = heat[y * width + x] as number;
      if (!(value > 0)) continue;
      const column = Math.min(2, Math.floor((x * 3) / width));
      totals[row * 3 + column] = (totals[row * 3 + column] as number) + value;
    }
  }
  let best = -1;
  for (let i = 0; i < 9; i++) {
    if ((totals[i] as number) > 0 && (best < 0 || (totals[i] as number) > (totals[best] as number)))
      best = i;
  }
  if (best < 0) return null;
  const rowName = REGION_ROWS[Math.floor(best / 3)] as (typeof REGION_ROWS)[number];
  const columnName = REGION_COLUMNS[best % 3] as (typeof REGION_COLUMNS)[number];
  if (rowName === 'middle' && columnName === 'centre') return 'centre';
  return `${rowName}-${columnName}` as OcclusionRegion;
}

/** The largest absolute heat: the size of the map's biggest change (0 when nothing changed). */
export function largestChange(heat: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < heat.length; i++) max = Math.max(max, Math.abs(heat[i] as number));
  return max;
}

/**
 * The image layout a model's pixel inputs stand for: a builder network's 3-D input shape when
 * known, else a square grayscale grid, else a square RGB grid; null when the count fits none.
 */
export function inferImageShape(
  pixelCount: number,
  inputShape?: readonly number[] | null,
): ImageShape | null {
  if (inputShape && inputShape.length === 3) {
    const [height, width, channels] = inputShape as [number, number, number];
    if (height * width * channels === pixelCount && height >= 2 && width >= 2) {
      return { height, width, channels };
    }
  }
  const grey = Math.round(Math.sqrt(pixelCount));
  if (grey >= 2 && grey * grey === pixelCount) return { height: grey, width: grey, channels: 1 };
  const rgb = Math.round(Math.sqrt(pixelCount / 3));
  if (rgb >= 2 && rgb * rgb * 3 === pixelCount) return { height: rgb, width: rgb, channels: 3 };
  return null;
}

/** The stride used with a patch side: half the patch (rounded up), so patches overlap. */
export function defaultStride(patch: number): number {
  return Math.max(1, Math.ceil(patch / 2));
}
