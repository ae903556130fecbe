import { describe, expect, it } from 'vitest';
import {
  IMAGE_AUGMENT_OFF,
  affineTransform,
  augmentBatch,
  augmentImage,
  cutout,
  flipHorizontal,
  flipVertical,
  type ImageAugmentConfig,
  type ImageShape,
} from '../../../../src/core/augment';
import { createRng } from '../../../../src/core/rng';

const SQUARE: ImageShape = { height: 5, width: 5, channels: 1 };
const RGB: ImageShape = { height: 4, width: 6, channels: 3 };

/** Distinct values 0..n-1 scaled into [0, 1], so any moved pixel shows. */
function ramp(shape: ImageShape): Float32Array {
  const n = shape.height * shape.width * shape.channels;
  return Float32Array.from({ length: n }, (_, i) => i / (n - 1));
}

function always(patch: Partial<ImageAugmentConfig>): ImageAugmentConfig {
  return { ...IMAGE_AUGMENT_OFF, ...patch };
}

const on = { enabled: true, probability: 1 };

/** Every operation at full chance and noticeable strength. */
const EVERYTHING = always({
  flipHorizontal: on,
  flipVertical: on,
  rotation: { ...on, degrees: 20 },
  shift: { ...on, fraction: 0.2 },
  zoom: { ...on, range: 0.2 },
  brightness: { ...on, delta: 0.2 },
  contrast: { ...on, range: 0.3 },
  noise: { ...on, sigma: 0.05 },
  cutout: { ...on, holes: 2, size: 0.3 },
});

/** Every operation enabled at zero strength. */
const IDLE = always({
  rotation: { ...on, degrees: 0 },
  shift: { ...on, fraction: 0 },
  zoom: { ...on, range: 0 },
  brightness: { ...on, delta: 0 },
  contrast: { ...on, range: 0 },
  noise: { ...on, sigma: 0 },
  cutout: { ...on, holes: 0, size: 0.5 },
});

describe('image augmentation operations', () => {
  it('keep the shape of grey and colour images and never write their input', () => {
    for (const shape of [SQUARE, RGB]) {
      const image = ramp(shape);
      const before = Float32Array.from(image);
      const out = augmentImage(image, shape, EVERYTHING, createRng(3));
      expect(out).toHaveLength(image.length);
      expect(image).toEqual(before);
      for (const v of out) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });

  it('return the image unchanged at zero strength', () => {
    for (const shape of [SQUARE, RGB]) {
      const image = ramp(shape);
      expect(augmentImage(image, shape, IDLE, createRng(9))).toEqual(image);
      expect(augmentImage(image, shape, IMAGE_AUGMENT_OFF, createRng(9))).toEqual(image);
      expect(affineTransform(image, shape, { degrees: 0, dx: 0, dy: 0, scale: 1 }, 0)).toEqual(
        image,
      );
    }
  });

  it('flip twice back to the original, and mirror the right axis', () => {
    const image = ramp(RGB);
    expect(flipHorizontal(flipHorizontal(image, RGB), RGB)).toEqual(image);
    expect(flipVertical(flipVertical(image, RGB), RGB)).toEqual(image);
    const grid = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const shape = { height: 2, width: 3, channels: 1 };
    expect(Array.from(flipHorizontal(grid, shape))).toEqual([3, 2, 1, 6, 5, 4]);
    expect(Array.from(flipVertical(grid, shape))).toEqual([4, 5, 6, 1, 2, 3]);
    // Colour stays with its pixel: channels are not reversed.
    const pixel = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6]);
    const row = { height: 1, width: 2, channels: 3 };
    expect(Array.from(flipHorizontal(pixel, row))).toEqual(
      Array.from(Float32Array.from([0.4, 0.5, 0.6, 0.1, 0.2, 0.3])),
    );
  });

  it('rotate 90° counter-clockwise as a transpose followed by a vertical flip', () => {
    const image = ramp(SQUARE);
    const turned = affineTransform(image, SQUARE, { degrees: 90, dx: 0, dy: 0, scale: 1 }, 0);
    const n = SQUARE.width;
    const transposed = new Float32Array(image.length);
    for (let r = 0; r < n; r++)
      for (let c = 0; c < n; c++) transposed[c * n + r] = image[r * n + c]!;
    const expected = flipVertical(transposed, SQUARE);
    turned.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    // The top-right corner turns to the top-left.
    expect(turned[0]).toBeCloseTo(image[n - 1]!, 5);
    const back = affineTransform(turned, SQUARE, { degrees: -90, dx: 0, dy: 0, scale: 1 }, 0);
    back.forEach((v, i) => expect(v).toBeCloseTo(image[i]!, 5));
  });

  it('shift by whole pixels moves values and fills the edge with the background', () => {
    const image = Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const shape = { height: 3, width: 3, channels: 1 };
    const right = affineTransform(image, shape, { degrees: 0, dx: 1, dy: 0, scale: 1 }, -1);
    expect(Array.from(right)).toEqual([-1, 1, 2, -1, 4, 5, -1, 7, 8]);
    const down = affineTransform(image, shape, { degrees: 0, dx: 0, dy: 1, scale: 1 }, 0);
    expect(Array.from(down)).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6]);
  });

  it('zoom in keeps the centre and zoom out brings in the background', () => {
    const image = ramp(SQUARE);
    const zoomedIn = affineTransform(image, SQUARE, { degrees: 0, dx: 0, dy: 0, scale: 2 }, 0);
    expect(zoomedIn[12]).toBeCloseTo(image[12]!, 6);
    // Twice the size: the corner reads the point halfway to the centre, pixel (1, 1).
    expect(zoomedIn[0]).toBeCloseTo(image[6]!, 6);
    const zoomedOut = affineTransform(image, SQUARE, { degrees: 0, dx: 0, dy: 0, scale: 0.5 }, 0);
    expect(zoomedOut[0]).toBe(0);
    expect(zoomedOut[12]).toBeCloseTo(image[12]!, 6);
  });

  it('brightness adds its offset and contrast scales around the mean', () => {
    const image = Float32Array.from([0.2, 0.4, 0.6, 0.8]);
    const shape = { height: 2, width: 2, channels: 1 };
    // The first draw decides "fires", the second is the amount: a constant rng pins both.
    const fixed = (value: number) => () => value;
    const brighter = augmentImage(
      image,
      shape,
      always({ brightness: { ...on, delta: 0.1 } }),
      fixed(0.75),
      [0, 2],
    );
    // uniform(±0.1) at u = 0.75 is +0.05 of the span 2: +0.1.
    brighter.forEach((v, i) => expect(v).toBeCloseTo(image[i]! + 0.1, 6));
    const stronger = augmentImage(
      image,
      shape,
      always({ contrast: { ...on, range: 0.5 } }),
      fixed(1 - 1e-9),
      [0, 1],
    );
    // Factor ≈ 1.5 around the mean 0.5.
    expect(Array.from(stronger).map((v) => Number(v.toFixed(4)))).toEqual([0.05, 0.35, 0.65, 0.95]);
    const clipped = augmentImage(
      image,
      shape,
      always({ brightness: { ...on, delta: 1 } }),
      fixed(1 - 1e-9),
      [0, 1],
    );
    expect(Array.from(clipped)).toEqual([1, 1, 1, 1]);
  });

  it('noise has the requested spread in pixel-range units', () => {
    const shape = { height: 100, width: 100, channels: 1 };
    const image = new Float32Array(10_000).fill(128);
    const out = augmentImage(
      image,
      shape,
      always({ noise: { ...on, sigma: 0.02 } }),
      createRng(4),
      [0, 255],
    );
    const deltas = Array.from(out, (v) => v - 128);
    const mean = deltas.reduce((s, d) => s + d, 0) / deltas.length;
    const std = Math.sqrt(deltas.reduce((s, d) => s + (d - mean) ** 2, 0) / deltas.length);
    expect(Math.abs(mean)).toBeLessThan(0.15);
    expect(std).toBeGreaterThan(5.1 * 0.95);
    expect(std).toBeLessThan(5.1 * 1.05);
  });

  it('cutout blanks exactly side² pixels per channel for one hole inside the image', () => {
    const shape = { height: 8, width: 8, channels: 3 };
    const image = new Float32Array(8 * 8 * 3).fill(1);
    for (let seed = 1; seed <= 20; seed++) {
      const { pixels, covered } = cutout(image, shape, 1, 0.25, 0, createRng(seed));
      expect(pixels.filter((v) => v === 0)).toHaveLength(2 * 2 * 3);
      expect(covered).toBe(12);
    }
    const many = cutout(image, shape, 3, 0.25, 0, createRng(2));
    const zeros = many.pixels.filter((v) => v === 0).length;
    expect(zeros).toBe(many.covered);
    expect(zeros).toBeGreaterThanOrEqual(12);
    expect(zeros).toBeLessThanOrEqual(36);
    // Through augmentImage the holes take the range's low end.
    const grey = augmentImage(
      new Float32Array(64).fill(10),
      { height: 8, width: 8, channels: 1 },
      always({ cutout: { ...on, holes: 1, size: 0.5 } }),
      createRng(5),
      [2, 16],
    );
    expect(grey.filter((v) => v === 2)).toHaveLength(16);
  });

  it('are seeded: the same seed repeats, another seed differs', () => {
    const image = ramp(RGB);
    const a = augmentImage(image, RGB, EVERYTHING, createRng(11));
    expect(augmentImage(image, RGB, EVERYTHING, createRng(11))).toEqual(a);
    expect(augmentImage(image, RGB, EVERYTHING, createRng(12))).not.toEqual(a);
  });

  it('apply each operation with its probability', () => {
    const image = ramp(SQUARE);
    const half = always({ flipHorizontal: { enabled: true, probability: 0.5 } });
    const rng = createRng(21);
    const mirrored = flipHorizontal(image, SQUARE);
    let flips = 0;
    for (let i = 0; i < 2000; i++) {
      const out = augmentImage(image, SQUARE, half, rng);
      if (out.every((v, j) => v === mirrored[j])) flips++;
      else expect(out).toEqual(image);
    }
    expect(flips).toBeGreaterThan(900);
    expect(flips).toBeLessThan(1100);
    const never = always({ flipHorizontal: { enabled: true, probability: 0 } });
    expect(augmentImage(image, SQUARE, never, createRng(1))).toEqual(image);
  });

  it('augment a batch image by image, with fresh draws for each', () => {
    const image = ramp(SQUARE);
    const batch = new Float32Array(image.length * 3);
    for (let n = 0; n < 3; n++) batch.set(image, n * image.length);
    const out = augmentBatch(batch, 3, SQUARE, EVERYTHING, createRng(6));
    const first = out.slice(0, image.length);
    expect(first).toEqual(augmentImage(image, SQUARE, EVERYTHING, createRng(6)));
    expect(out.slice(image.length, 2 * image.length)).not.toEqual(first);
    expect(() => augmentBatch(batch, 2, SQUARE, EVERYTHING, createRng(6))).toThrow(RangeError);
  });

  it('refuse a shape that does not match the values', () => {
    expect(() => augmentImage(new Float32Array(10), SQUARE, EVERYTHING, createRng(1))).toThrow(
      RangeError,
    );
  });
});
