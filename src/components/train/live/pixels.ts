/**
 * Small images for the live views (heat maps, filters, feature maps) as PNG data URLs, drawn
 * on a scratch canvas: an SVG `<image>` then scales them with the browser's smoothing, and the
 * chart around them stays SVG with its accessible name.
 */
let scratch: HTMLCanvasElement | null = null;

export function pixelsToDataUrl(width: number, height: number, rgba: Uint8ClampedArray): string {
  if (typeof document === 'undefined') return '';
  scratch ??= document.createElement('canvas');
  scratch.width = width;
  scratch.height = height;
  const context = scratch.getContext('2d');
  if (!context) return '';
  const image = context.createImageData(width, height);
  image.data.set(rgba);
  context.putImageData(image, 0, 0);
  return scratch.toDataURL('image/png');
}

/**
 * Grey levels of one channel of an h × w × c block, high values dark like ink on paper: scaled
 * to the channel's own range, or with `symmetric` around zero (mid grey), as filter weights are.
 */
export function channelPixels(
  values: Float32Array,
  height: number,
  width: number,
  channels: number,
  channel: number,
  symmetric = false,
): Uint8ClampedArray {
  const n = height * width;
  let lo = Infinity;
  let hi = -Infinity;
  for (let p = 0; p < n; p++) {
    const v = values[p * channels + channel]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const bound = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
  const span = hi - lo || 1;
  const out = new Uint8ClampedArray(n * 4);
  for (let p = 0; p < n; p++) {
    const v = values[p * channels + channel]!;
    const t = symmetric ? 0.5 + v / (2 * bound) : (v - lo) / span;
    const g = Math.round(255 * (1 - (Number.isFinite(t) ? t : 0)));
    out[p * 4] = g;
    out[p * 4 + 1] = g;
    out[p * 4 + 2] = g;
    out[p * 4 + 3] = 255;
  }
  return out;
}
