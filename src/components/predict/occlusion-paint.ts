/**
 * Draws an occlusion result onto canvases at one canvas pixel per image pixel (CSS scales them
 * up, pixelated): the image in grey or colour, and the same image dimmed under the heat, red
 * where hiding a pixel lowers the watched class's probability and blue where it raises it.
 */
import { largestChange } from '../../core/occlusion';

export interface PaintableImage {
  height: number;
  width: number;
  channels: number;
  pixels: readonly number[];
  pixelMax: number;
}

const RED = [214, 40, 40] as const;
const BLUE = [37, 99, 235] as const;

function level(value: number, max: number): number {
  return Math.max(0, Math.min(255, Math.round((value / max) * 255)));
}

/** The image's colour (r, g, b) at pixel i. */
function colourAt(image: PaintableImage, i: number): [number, number, number] {
  const { channels, pixels, pixelMax } = image;
  if (channels === 3) {
    return [
      level(pixels[i * 3] as number, pixelMax),
      level(pixels[i * 3 + 1] as number, pixelMax),
      level(pixels[i * 3 + 2] as number, pixelMax),
    ];
  }
  const grey = level(pixels[i * channels] as number, pixelMax);
  return [grey, grey, grey];
}

export function paintImage(canvas: HTMLCanvasElement, image: PaintableImage): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const data = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.width * image.height; i++) {
    const [r, g, b] = colourAt(image, i);
    data.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(data, 0, 0);
}

export function paintHeat(
  canvas: HTMLCanvasElement,
  image: PaintableImage,
  heat: readonly number[],
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  // An all-zero map stays untinted rather than dividing by zero.
  const scale = largestChange(heat) || 1;
  const data = ctx.createImageData(image.width, image.height);
  for (let i = 0; i < image.width * image.height; i++) {
    const t = Math.max(-1, Math.min(1, (heat[i] as number) / scale));
    const tint = t >= 0 ? RED : BLUE;
    const alpha = Math.abs(t);
    // The image stays faintly visible under the heat, so the map reads against the digit.
    const base = colourAt(image, i).map((c) => 40 + c * 0.35);
    const mixed = base.map((c, k) => Math.round(c * (1 - alpha) + (tint[k] as number) * alpha));
    data.data.set([...mixed, 255], i * 4);
  }
  ctx.putImageData(data, 0, 0);
}
