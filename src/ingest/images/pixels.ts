/**
 * Decoded RGBA → the stored square: transparent pixels composited over white (how a page shows
 * them), the centred square crop of the image (so nothing is stretched), area-averaged to the
 * target size (every source pixel counts by the share of it an output pixel covers, which
 * does not alias when shrinking and is exact nearest-neighbour when enlarging), then converted
 * to grayscale by Rec. 601 luma (0.299 R + 0.587 G + 0.114 B) if asked, rounded to uint8.
 * Pure, so the browser path and the Node tests produce the same bytes.
 */

export interface RgbaImage {
  width: number;
  height: number;
  /** width × height × 4 bytes, row-major RGBA, not premultiplied. */
  data: Uint8Array | Uint8ClampedArray;
}

interface Tap {
  index: number;
  weight: number;
}

/** For each output cell along one axis, the source cells it covers and by how much. */
function areaTaps(sourceStart: number, sourceLength: number, outLength: number): Tap[][] {
  const scale = sourceLength / outLength;
  const taps: Tap[][] = [];
  for (let o = 0; o < outLength; o++) {
    const from = o * scale;
    const to = from + scale;
    const cell: Tap[] = [];
    for (let s = Math.floor(from); s < Math.ceil(to - 1e-9); s++) {
      const covered = Math.min(to, s + 1) - Math.max(from, s);
      if (covered > 1e-9) cell.push({ index: sourceStart + s, weight: covered / scale });
    }
    taps.push(cell);
  }
  return taps;
}

function compositeOverWhite(image: RgbaImage): Float32Array {
  const { data } = image;
  const rgb = new Float32Array(image.width * image.height * 3);
  for (let p = 0, q = 0; p < data.length; p += 4, q += 3) {
    const alpha = (data[p + 3] as number) / 255;
    const white = 255 * (1 - alpha);
    rgb[q] = (data[p] as number) * alpha + white;
    rgb[q + 1] = (data[p + 1] as number) * alpha + white;
    rgb[q + 2] = (data[p + 2] as number) * alpha + white;
  }
  return rgb;
}

function toByte(value: number): number {
  return Math.min(255, Math.max(0, Math.round(value)));
}

/** The image as `size × size × channels` uint8 pixels. */
export function toSquarePixels(image: RgbaImage, size: number, channels: 1 | 3): Uint8Array {
  const { width, height } = image;
  const side = Math.min(width, height);
  const xTaps = areaTaps(Math.floor((width - side) / 2), side, size);
  const yTaps = areaTaps(Math.floor((height - side) / 2), side, size);
  const rgb = compositeOverWhite(image);
  // Horizontal pass over every source row, then vertical: O(pixels), not O(pixels × scale²).
  const rows = new Float32Array(height * size * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const tap of xTaps[x] as Tap[]) {
        const at = (y * width + tap.index) * 3;
        r += (rgb[at] as number) * tap.weight;
        g += (rgb[at + 1] as number) * tap.weight;
        b += (rgb[at + 2] as number) * tap.weight;
      }
      const out = (y * size + x) * 3;
      rows[out] = r;
      rows[out + 1] = g;
      rows[out + 2] = b;
    }
  }
  const pixels = new Uint8Array(size * size * channels);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const tap of yTaps[y] as Tap[]) {
        const at = (tap.index * size + x) * 3;
        r += (rows[at] as number) * tap.weight;
        g += (rows[at + 1] as number) * tap.weight;
        b += (rows[at + 2] as number) * tap.weight;
      }
      const out = (y * size + x) * channels;
      if (channels === 1) {
        pixels[out] = toByte(0.299 * r + 0.587 * g + 0.114 * b);
      } else {
        pixels[out] = toByte(r);
        pixels[out + 1] = toByte(g);
        pixels[out + 2] = toByte(b);
      }
    }
  }
  return pixels;
}
