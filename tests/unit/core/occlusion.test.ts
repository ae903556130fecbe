import { describe, expect, it } from 'vitest';
import {
  defaultStride,
  hottestRegion,
  largestChange,
  inferImageShape,
  meanFill,
  occludeImage,
  occlusionHeatMap,
  occlusionPatches,
  patchOffsets,
} from '../../../src/core/occlusion';

describe('patchOffsets', () => {
  it('steps by the stride and adds a last offset flush with the edge', () => {
    expect(patchOffsets(8, 4, 2)).toEqual([0, 2, 4]);
    expect(patchOffsets(9, 4, 2)).toEqual([0, 2, 4, 5]);
    expect(patchOffsets(28, 4, 2)).toHaveLength(13);
    expect(patchOffsets(8, 3, 3)).toEqual([0, 3, 5]);
  });

  it('clamps a patch larger than the image to one position', () => {
    expect(patchOffsets(3, 8, 2)).toEqual([0]);
  });

  it('rejects sizes that are not positive integers', () => {
    expect(() => patchOffsets(8, 0, 1)).toThrow(RangeError);
    expect(() => patchOffsets(8, 2, 0)).toThrow(RangeError);
    expect(() => patchOffsets(0, 2, 1)).toThrow(RangeError);
    expect(() => patchOffsets(8, 1.5, 1)).toThrow(RangeError);
  });
});

describe('occlusionPatches', () => {
  it('covers every pixel at least once, row by row', () => {
    const shape = { height: 7, width: 5 };
    const patches = occlusionPatches(shape, 3, 2);
    expect(patches[0]).toEqual({ top: 0, left: 0, height: 3, width: 3 });
    expect(patches[1]).toEqual({ top: 0, left: 2, height: 3, width: 3 });
    const covered = new Uint8Array(35);
    for (const p of patches) {
      for (let y = p.top; y < p.top + p.height; y++)
        for (let x = p.left; x < p.left + p.width; x++) covered[y * 5 + x] = 1;
    }
    expect(covered.every((v) => v === 1)).toBe(true);
    // Rows 0,2,4 (+ none: 4 is flush) × columns 0,2.
    expect(patches).toHaveLength(3 * 2);
  });
});

describe('occludeImage', () => {
  it('fills every channel of the patch and leaves the rest and the input alone', () => {
    const shape = { height: 2, width: 2, channels: 3 };
    const image = Array.from({ length: 12 }, (_, i) => i + 1);
    const out = occludeImage(image, shape, { top: 1, left: 0, height: 1, width: 1 }, -1);
    expect(Array.from(out)).toEqual([1, 2, 3, 4, 5, 6, -1, -1, -1, 10, 11, 12]);
    expect(image[6]).toBe(7);
  });

  it('meanFill is the mean pixel value (0 for an empty image)', () => {
    expect(meanFill([0, 4, 8])).toBe(4);
    expect(meanFill([])).toBe(0);
  });
});

describe('occlusionHeatMap', () => {
  it('averages the drops of the patches that overlap a pixel', () => {
    // 1 × 3 image, patch 2 stride 1: patches at x = 0 and x = 1.
    const shape = { height: 1, width: 3 };
    const patches = occlusionPatches(shape, 2, 1);
    expect(patches).toHaveLength(2);
    const heat = occlusionHeatMap(shape, patches, [0.4, 0.2]);
    expect(heat[0]).toBeCloseTo(0.4, 12);
    expect(heat[1]).toBeCloseTo(0.3, 12);
    expect(heat[2]).toBeCloseTo(0.2, 12);
  });

  it('needs one drop per patch', () => {
    expect(() => occlusionHeatMap({ height: 2, width: 2 }, [], [1])).toThrow(RangeError);
  });
});

describe('hottestRegion', () => {
  const shape = { height: 6, width: 6 };
  const only = (y: number, x: number, value = 1): Float64Array => {
    const heat = new Float64Array(36);
    heat[y * 6 + x] = value;
    return heat;
  };

  it('names the third of the image with the most positive heat', () => {
    expect(hottestRegion(only(0, 0), shape)).toBe('top-left');
    expect(hottestRegion(only(0, 3), shape)).toBe('top-centre');
    expect(hottestRegion(only(2, 2), shape)).toBe('centre');
    expect(hottestRegion(only(3, 5), shape)).toBe('middle-right');
    expect(hottestRegion(only(5, 0), shape)).toBe('bottom-left');
  });

  it('is null when hiding nothing lowers the probability', () => {
    expect(hottestRegion(new Float64Array(36), shape)).toBeNull();
    expect(hottestRegion(only(1, 1, -0.5), shape)).toBeNull();
  });

  it('largestChange is the largest magnitude, 0 for an all-zero map', () => {
    expect(largestChange([0.1, -0.3, 0.2])).toBeCloseTo(0.3, 12);
    expect(largestChange([0, 0])).toBe(0);
  });
});

describe('inferImageShape', () => {
  it('prefers a 3-D network input shape, then a square grey grid, then square RGB', () => {
    expect(inferImageShape(64)).toEqual({ height: 8, width: 8, channels: 1 });
    expect(inferImageShape(784)).toEqual({ height: 28, width: 28, channels: 1 });
    expect(inferImageShape(3 * 32 * 32)).toEqual({ height: 32, width: 32, channels: 3 });
    expect(inferImageShape(48, [4, 4, 3])).toEqual({ height: 4, width: 4, channels: 3 });
    expect(inferImageShape(64, [64])).toEqual({ height: 8, width: 8, channels: 1 });
  });

  it('is null for tabular widths', () => {
    expect(inferImageShape(4)).toEqual({ height: 2, width: 2, channels: 1 });
    expect(inferImageShape(5)).toBeNull();
    expect(inferImageShape(1)).toBeNull();
  });

  it('defaultStride is half the patch, at least 1', () => {
    expect(defaultStride(4)).toBe(2);
    expect(defaultStride(3)).toBe(2);
    expect(defaultStride(1)).toBe(1);
  });
});
