/**
 * The image augmentation preview: the grid holds each training image followed by augmented
 * versions drawn with the current options (seeded, so a draw is repeatable), and the SSR
 * markup names the grid's wrapper, offers "New samples" and explains what training does, in
 * both languages.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import { DEFAULT_STEP_OPTIONS, type StepOptionsMap } from '../../../src/core/recipe';
import {
  PREVIEW_VARIANTS,
  augmentPreviewGrid,
  type ImageSample,
} from '../../../src/components/prepare/image-augment-preview';
import ImageAugmentPreview from '../../../src/components/prepare/ImageAugmentPreview.svelte';

const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'zh-CN' }));
vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  return { ...actual, getLocaleContext: () => new actual.LocaleState(locale.current) };
});

/** Two 4×4 images in 0..16: a left bar and a top bar. */
const SAMPLE: ImageSample = {
  kind: 'imageSample',
  shape: [4, 4, 1],
  range: [0, 16],
  count: 2,
  pixels: [
    ...[16, 0, 0, 0, 16, 0, 0, 0, 16, 0, 0, 0, 16, 0, 0, 0],
    ...[16, 16, 16, 16, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  ],
};

const OPTIONS: StepOptionsMap['imageAugment'] = {
  ...DEFAULT_STEP_OPTIONS.imageAugment,
  probability: 1,
  rotation: 30,
};

describe('augmentPreviewGrid', () => {
  it('puts each original first in its row, scaled to [0, 1], then its augmented versions', () => {
    const grid = augmentPreviewGrid(SAMPLE, OPTIONS, 1);
    expect(grid.count).toBe(2 * (1 + PREVIEW_VARIANTS));
    expect([grid.height, grid.width]).toEqual([4, 4]);
    expect(Array.from(grid.pixels.slice(0, 16))).toEqual(
      SAMPLE.pixels.slice(0, 16).map((v) => v / 16),
    );
    const secondRow = 1 + PREVIEW_VARIANTS;
    expect(Array.from(grid.pixels.slice(secondRow * 16, secondRow * 16 + 16))).toEqual(
      SAMPLE.pixels.slice(16).map((v) => v / 16),
    );
    expect(grid.pixels.slice(16, 32)).not.toEqual(grid.pixels.slice(0, 16));
    for (const v of grid.pixels) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it('repeats a draw, changes with the next one, and follows the options', () => {
    const first = augmentPreviewGrid(SAMPLE, OPTIONS, 1);
    expect(augmentPreviewGrid(SAMPLE, OPTIONS, 1)).toEqual(first);
    expect(augmentPreviewGrid(SAMPLE, OPTIONS, 2).pixels).not.toEqual(first.pixels);
    const idle = augmentPreviewGrid(SAMPLE, { ...OPTIONS, rotation: 0, shift: 0, zoom: 0 }, 1);
    for (let v = 1; v <= PREVIEW_VARIANTS; v++) {
      expect(idle.pixels.slice(v * 16, v * 16 + 16)).toEqual(idle.pixels.slice(0, 16));
    }
  });

  it('shows colour images by their luma', () => {
    const rgb: ImageSample = {
      kind: 'imageSample',
      shape: [1, 2, 3],
      range: [0, 255],
      count: 1,
      pixels: [255, 0, 0, 255, 255, 255],
    };
    const grid = augmentPreviewGrid(rgb, { ...OPTIONS, rotation: 0, shift: 0, zoom: 0 }, 1, 1);
    expect(grid.pixels[0]).toBeCloseTo(0.299, 5);
    expect(grid.pixels[1]).toBeCloseTo(1, 5);
  });
});

describe('ImageAugmentPreview', () => {
  it.each(['en', 'zh-CN'] as const)('names its grid and offers new samples in %s', (current) => {
    locale.current = current;
    const body = render(ImageAugmentPreview, { props: { sample: SAMPLE, options: OPTIONS } }).body;
    const labels = [...body.matchAll(/role="img" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(labels).toHaveLength(1);
    expect(labels[0]).toContain(
      current === 'en' ? 'Training images, original then augmented' : '原图',
    );
    expect(labels[0]).toContain('12');
    expect(body).toContain(current === 'en' ? 'New samples' : '换一批样本');
    expect(body).toMatch(/<button[^>]*type="button"/);
  });
});
