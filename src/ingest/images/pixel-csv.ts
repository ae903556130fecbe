/**
 * Built-in image datasets shipped as pixel CSVs (digits 8×8, MNIST and Fashion-MNIST 28×28):
 * one row per image, the label first, then the pixels row-major. Turned into the same samples
 * an imported set gives, with pixel values mapped from the manifest's range onto 0–255.
 */
import type { ImageSamples, PixelCsvSpec } from '../../contracts/images';

export function samplesFromPixelCsv(
  text: string,
  spec: Omit<PixelCsvSpec, 'url'>,
  perClass: number,
): ImageSamples | null {
  const [height, width, channels] = spec.shape;
  if ((channels !== 1 && channels !== 3) || height !== width) return null;
  const pixelCount = height * width * channels;
  const [low, high] = spec.pixelRange;
  const span = high - low || 1;
  const byLabel = new Map<string, { count: number; images: Uint8Array[] }>();
  const lines = text.split(/\r?\n/);
  for (let row = 1; row < lines.length; row++) {
    const line = lines[row] as string;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    if (cells.length !== pixelCount + 1) return null;
    const label = (cells[0] as string).trim();
    let entry = byLabel.get(label);
    if (!entry) byLabel.set(label, (entry = { count: 0, images: [] }));
    entry.count++;
    if (entry.images.length >= perClass) continue;
    const pixels = new Uint8Array(pixelCount);
    for (let p = 0; p < pixelCount; p++) {
      const value = Number(cells[p + 1]);
      pixels[p] = Math.min(255, Math.max(0, Math.round(((value - low) / span) * 255)));
    }
    entry.images.push(pixels);
  }
  if (byLabel.size === 0) return null;
  const labels = [...byLabel.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return {
    size: width,
    channels,
    classes: labels.map((label) => {
      const entry = byLabel.get(label) as { count: number; images: Uint8Array[] };
      const index = Number(label);
      const name = Number.isInteger(index) ? (spec.classes?.[index] ?? label) : label;
      return { name, count: entry.count, images: entry.images };
    }),
  };
}
