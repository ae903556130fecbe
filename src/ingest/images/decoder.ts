/**
 * Decoding an encoded image (PNG, JPEG, WebP, GIF, BMP) to RGBA. The worker uses the browser's
 * own decoders (WebCodecs' `ImageDecoder` or `createImageBitmap`, then an OffscreenCanvas to
 * read pixels); Node tests inject a decoder of their own. A decoder throws when the bytes are
 * not an image it can read. Encoding back to PNG (for export) goes the same way, through an
 * injected encoder.
 */
import type { RgbaImage } from './pixels';

/** A picked file, or the bytes of a zip entry already in memory. */
export type EncodedImage = Blob | Uint8Array<ArrayBuffer>;

export interface PixelDecoder {
  /**
   * The image's centred square crop, or the whole image; may already be shrunk, but never
   * below `targetSize` on its shorter side, so the final area average still sees detail.
   * `mime` is the type the file's name gives.
   */
  decode(bytes: EncodedImage, targetSize: number, mime: string): Promise<RgbaImage>;
}

export interface PixelEncoder {
  /** `size × size × channels` uint8 pixels → PNG bytes. */
  encodePng(pixels: Uint8Array, size: number, channels: 1 | 3): Promise<Uint8Array>;
}

/** Photos are shrunk by the GPU to this many times the target first; the rest is exact. */
const PRESHRINK_FACTOR = 4;

/**
 * Types decoded straight from bytes in memory by `ImageDecoder`, where the browser has it.
 * `createImageBitmap` needs a Blob, and making one per zip entry is a round trip to the
 * browser process that cost more than the decoding (0.26 ms a Blob plus 0.46 ms a decode,
 * against 0.11 ms, for 28 px PNGs in headless Chromium). JPEG and WebP stay on
 * `createImageBitmap`, which turns photos by their EXIF orientation.
 */
const DIRECT_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/gif', 'image/bmp']);

async function decodeDirect(bytes: Uint8Array<ArrayBuffer>, mime: string): Promise<ImageBitmap> {
  const decoder = new ImageDecoder({ data: bytes, type: mime });
  try {
    const { image } = await decoder.decode();
    try {
      // Drawn scaled, a VideoFrame is filtered differently from a bitmap (pixels off by one or
      // two): as a bitmap it gives exactly what a picked file gives.
      return await createImageBitmap(image);
    } finally {
      image.close();
    }
  } finally {
    decoder.close();
  }
}

async function decodeFrame(bytes: EncodedImage, mime: string): Promise<ImageBitmap> {
  if (bytes instanceof Uint8Array && DIRECT_TYPES.has(mime) && 'ImageDecoder' in globalThis) {
    try {
      return await decodeDirect(bytes, mime);
    } catch {
      // A file named .png may hold a JPEG, or this browser's ImageDecoder may lack the type:
      // createImageBitmap sniffs the bytes and has the last word on whether it is an image.
    }
  }
  return createImageBitmap(bytes instanceof Blob ? bytes : new Blob([bytes], { type: mime }));
}

export function createBrowserDecoder(): PixelDecoder {
  // One canvas for every image: creating a context per image costs more than decoding.
  let canvas: OffscreenCanvas | null = null;
  let context: OffscreenCanvasRenderingContext2D | null = null;
  return {
    async decode(bytes, targetSize, mime) {
      const bitmap = await decodeFrame(bytes, mime);
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
