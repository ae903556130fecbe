/**
 * The pixel columns an imported image set is read as, so the page (catalogue entry, builder
 * target) and the workers (the loader) agree on names and order without sharing storage code.
 *
 * Order is the stored one: row-major, channels interleaved (height × width × channels), which
 * is the order a flat row is reshaped to an `[h, w, c]` tensor. Grayscale columns are named
 * like the shipped pixel CSVs (`pixel0`, `pixel1`, ...); RGB columns add the channel
 * (`pixel0_r`, `pixel0_g`, `pixel0_b`, `pixel1_r`, ...).
 */

/** The class-label column of an imported image set. */
export const IMAGE_TARGET_COLUMN = 'label';

const CHANNEL_SUFFIXES = ['_r', '_g', '_b'] as const;

export function imagePixelColumnNames(size: number, channels: 1 | 3): string[] {
  const names: string[] = [];
  const pixels = size * size;
  for (let p = 0; p < pixels; p++) {
    if (channels === 1) names.push(`pixel${p}`);
    else for (const suffix of CHANNEL_SUFFIXES) names.push(`pixel${p}${suffix}`);
  }
  return names;
}
