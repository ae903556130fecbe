import { describe, expect, it } from 'vitest';
import { toSquarePixels, type RgbaImage } from '../../../../src/ingest/images/pixels';

function image(width: number, height: number, pixel: (x: number, y: number) => number[]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  }
  return { width, height, data } satisfies RgbaImage;
}

describe('toSquarePixels', () => {
  it('averages each 2×2 block when halving', () => {
    // Quadrants: red, green / blue, white; every block averages to its own colour.
    const quad = image(4, 4, (x, y) =>
      x < 2
        ? y < 2
          ? [255, 0, 0, 255]
          : [0, 0, 255, 255]
        : y < 2
          ? [0, 255, 0, 255]
          : [255, 255, 255, 255],
    );
    expect([...toSquarePixels(quad, 2, 3)]).toEqual([
      255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255,
    ]);
  });

  it('averages mixed blocks by area', () => {
    // Columns alternate 0 and 100: every 2-wide output cell averages to 50.
    const stripes = image(4, 4, (x) => (x % 2 ? [100, 100, 100, 255] : [0, 0, 0, 255]));
    expect([...toSquarePixels(stripes, 2, 1)]).toEqual([50, 50, 50, 50]);
    // 3 → 2 covers 1.5 source pixels per output: (0·1 + 90·0.5) / 1.5 = 30.
    const ramp = image(3, 3, (x) => [x * 90, x * 90, x * 90, 255]);
    expect([...toSquarePixels(ramp, 2, 1)]).toEqual([30, 150, 30, 150]);
  });

  it('enlarges by repeating pixels', () => {
    const two = image(2, 2, (x, y) => [x * 200, y * 200, 0, 255]);
    const out = toSquarePixels(two, 4, 3);
    expect(out.length).toBe(48);
    expect([...out.subarray(0, 12)]).toEqual([0, 0, 0, 0, 0, 0, 200, 0, 0, 200, 0, 0]);
    expect([...out.subarray(36, 48)]).toEqual([0, 200, 0, 0, 200, 0, 200, 200, 0, 200, 200, 0]);
  });

  it('crops the centred square of a wide image', () => {
    // 6 × 2: columns 0 and 5 are red, the centre 2 × 2 (columns 2-3) is green.
    const wide = image(6, 2, (x) => (x === 2 || x === 3 ? [0, 255, 0, 255] : [255, 0, 0, 255]));
    expect([...toSquarePixels(wide, 1, 3)]).toEqual([0, 255, 0]);
  });

  it('converts to grayscale by Rec. 601 luma', () => {
    const red = image(1, 1, () => [255, 0, 0, 255]);
    const green = image(1, 1, () => [0, 255, 0, 255]);
    const blue = image(1, 1, () => [0, 0, 255, 255]);
    expect([...toSquarePixels(red, 1, 1)]).toEqual([76]);
    expect([...toSquarePixels(green, 1, 1)]).toEqual([150]);
    expect([...toSquarePixels(blue, 1, 1)]).toEqual([29]);
  });

  it('composites transparency over white', () => {
    const clear = image(1, 1, () => [0, 0, 0, 0]);
    const half = image(1, 1, () => [0, 0, 0, 128]);
    expect([...toSquarePixels(clear, 1, 3)]).toEqual([255, 255, 255]);
    expect([...toSquarePixels(half, 1, 1)]).toEqual([127]);
  });
});
