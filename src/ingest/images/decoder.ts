/**
 * Decoding an encoded image (PNG, JPEG, WebP, GIF, BMP) to RGBA. The worker uses the browser's
 * own decoders (`createImageBitmap`, then an OffscreenCanvas to read pixels); Node tests inject
 * a decoder of their own. A decoder throws when the bytes are not an image it can read.
 * Encoding back to PNG (for export) goes the same way, through an injected encoder.
 */
import type { RgbaImage } from './pixels';

export interface PixelDecoder {
  /**
   * The image's centred square crop, or the whole image; may already be shrunk, but never
   * below `targetSize` on its shorter side, so the final area average still sees detail.
   */
  decode(bytes: Blob, targetSize: number): Promise<RgbaImage>;
}

export interface PixelEncoder {
  /** `size × size × channels` uint8 pixels → PNG bytes. */
  encodePng(pixels: Uint8Array, size: number, channels: 1 | 3): Promise<Uint8Array>;
}

/** Photos are shrunk by the GPU to this many times the target first; the rest is exact. */
const PRESHRINK_FACTOR = 4;

export function createBrowserDecoder(): PixelDecoder {
  // One canvas for every image: creating a context per image costs more than decoding.
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  return {
    async decode(bytes, targetSize) {
      const bitmap = await createImageBitmap(bytes);
      try {
        const side = Math.min(bitmap.width, bitmap.height);
        if (side === 0) throw new Error('empty image');
        const out = Math.min(side, targetSize * PRESHRINK_FACTOR);
        if (!canvas || !context) {
          canvas = new OffscreenCanvas(out, out);
          context = canvas.getContext('2d', { willReadFrequently: true });
          if (!context) throw new Error('no 2d context');
        }
        if (canvas.width !== out || canvas.height !== out) {
          canvas.width = out;
          canvas.height = out;
        }
        context.clearRect(0, 0, out, out);
        context.imageSmoothingQuality = 'high';
        const sx = Math.floor((bitmap.width - side) / 2);
        const sy = Math.floor((bitmap.height - side) / 2);
        context.drawImage(bitmap, sx, sy, side, side, 0, 0, out, out);
        return { width: out, height: out, data: context.getImageData(0, 0, out, out).data };
      } finally {
        bitmap.close();
      }
    },
  };
}

export function createBrowserEncoder(): PixelEncoder {
  return {
    async encodePng(pixels, size, channels) {
      const canvas = new OffscreenCanvas(size, size);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      const image = context.createImageData(size, size);
      for (let p = 0, q = 0; q < image.data.length; p += channels, q += 4) {
        const red = pixels[p] ?? 0;
        image.data[q] = red;
        image.data[q + 1] = channels === 1 ? red : (pixels[p + 1] ?? 0);
        image.data[q + 2] = channels === 1 ? red : (pixels[p + 2] ?? 0);
        image.data[q + 3] = 255;
      }
      context.putImageData(image, 0, 0);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      return new Uint8Array(await blob.arrayBuffer());
    },
  };
}
