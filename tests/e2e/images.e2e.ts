/**
 * Image datasets, as a person would use them: a zip whose sub-folders are classes goes in
 * through the file picker; the thumbnails appear grouped by class (found by role and name),
 * the class counts table is right, and the corrupt file and the nested zip are listed as
 * skipped. The set survives a reload and is deleted after a confirmation. A zip bomb gets a message naming the entry and stores
 * nothing; a picked folder imports in grayscale; the built-in digits show as thumbnails too.
 * A zip's entries are decoded from memory and a folder's files from disk, by different browser
 * decoders where it has both: the same pictures give the same pixels either way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { encodePng, solidPng } from '../fixtures/images/png';
import { openApp, readTableCell, tableByCaption, UI_TIMEOUT_MS, type AppSession } from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let dir = '';
let app: AppSession | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fitlab-images-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function writeZip(name: string, files: Parameters<typeof zipSync>[0]): string {
  const path = join(dir, name);
  writeFileSync(path, zipSync(files));
  return path;
}

async function chooseZip(page: Page, path: string): Promise<void> {
  await page.getByLabel('Choose a .zip', { exact: true }).setInputFiles(path);
}

function thumbnail(page: Page, label: string, index: number) {
  return page.getByRole('img', { name: `${label}, image ${index}`, exact: true });
}

test('an image zip shows thumbnails by class, lists bad files and survives a reload', async () => {
  const path = writeZip('shapes.zip', {
    'shapes/circles/1.png': solidPng(40, 30, [200, 30, 30, 255]),
    'shapes/circles/2.png': solidPng(16, 16, [30, 200, 30, 255]),
    'shapes/<img src=x onerror=alert(1)>squares/1.png': solidPng(8, 8, [30, 30, 200, 255]),
    'shapes/<img src=x onerror=alert(1)>squares/broken.png': new TextEncoder().encode(
      'this is not an image',
    ),
    'shapes/<img src=x onerror=alert(1)>squares/inner.zip': zipSync({
      'a/b.png': solidPng(2, 2, [0, 0, 0, 255]),
    }),
  });
  app = await openApp();
  const { page } = app;
  await chooseZip(page, path);

  await expect.poll(() => thumbnail(page, 'circles', 2).isVisible(), POLL).toBe(true);
  expect(await thumbnail(page, 'circles', 1).isVisible()).toBe(true);
  expect(await thumbnail(page, '<img src=x onerror=alert(1)>squares', 1).isVisible()).toBe(true);
  expect(await thumbnail(page, '<img src=x onerror=alert(1)>squares', 2).count()).toBe(0);
  const group = page.getByRole('group', { name: 'Class circles: 2 images' });
  expect(await group.getByRole('img').count()).toBe(2);

  const counts = tableByCaption(page, 'Images per class');
  expect(await readTableCell(counts, 'circles', 'Images')).toBe(2);
  // The folder name holding HTML is a row header with that literal text; no <img> is created.
  expect(await readTableCell(counts, '<img src=x onerror=alert(1)>squares', 'Images')).toBe(1);
  expect(await page.getByRole('region', { name: 'Import images' }).locator('img').count()).toBe(0);

  await expect.poll(() => page.getByText('2 files were skipped').isVisible(), POLL).toBe(true);
  const broken = page
    .getByRole('listitem')
    .filter({ hasText: 'shapes/<img src=x onerror=alert(1)>squares/broken.png' });
  expect(await broken.textContent()).toContain('could not be decoded as an image');
  const nested = page
    .getByRole('listitem')
    .filter({ hasText: 'shapes/<img src=x onerror=alert(1)>squares/inner.zip' });
  expect(await nested.textContent()).toContain('a zip inside the zip');

  await page.reload();
  const show = page.getByRole('button', { name: 'Show images of shapes', exact: true });
  await show.waitFor({ timeout: UI_TIMEOUT_MS });
  await show.click();
  await expect.poll(() => thumbnail(page, 'circles', 1).isVisible(), POLL).toBe(true);

  const sets = tableByCaption(page, 'Image sets');
  await sets.getByRole('button', { name: 'Delete shapes', exact: true }).click();
  await sets.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(() => page.getByText('No image sets stored yet.').isVisible(), POLL).toBe(true);
  expect(await thumbnail(page, 'circles', 1).count()).toBe(0);
});

test('a zip bomb is refused with the entry named, and digits show as images', async () => {
  const path = writeZip('bomb.zip', {
    'pets/cats/a.png': solidPng(4, 4, [255, 255, 255, 255]),
    'pets/cats/huge.bmp': [new Uint8Array(8 * 1024 * 1024), { level: 9 }],
  });
  app = await openApp();
  const { page } = app;
  await chooseZip(page, path);
  const alert = page.getByRole('alert').filter({ hasText: 'zip bomb' });
  await alert.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await alert.textContent()).toContain('“pets/cats/huge.bmp”');
  expect(await page.getByRole('button', { name: 'Show images of bomb' }).count()).toBe(0);

  // A picked folder, in grayscale at 28 px: its sub-folders become the classes.
  for (const [label, colour] of [
    ['oak', [40, 160, 40, 255]],
    ['maple', [200, 60, 20, 255]],
  ] as const) {
    mkdirSync(join(dir, 'leaves', label), { recursive: true });
    writeFileSync(join(dir, 'leaves', label, 'a.png'), solidPng(12, 12, [...colour]));
  }
  await page.getByRole('radio', { name: 'Grayscale' }).check();
  await page.getByRole('combobox', { name: 'Image size' }).selectOption({ label: '28 × 28 px' });
  await page.getByLabel('Choose a folder', { exact: true }).setInputFiles(join(dir, 'leaves'));
  await expect.poll(() => thumbnail(page, 'maple', 1).isVisible(), POLL).toBe(true);
  expect(await thumbnail(page, 'oak', 1).isVisible()).toBe(true);
  expect(await page.getByRole('row', { name: /leaves/ }).textContent()).toContain(
    '28 px, Grayscale',
  );

  await page
    .getByRole('button', {
      name: 'Show images of Handwritten digits 8x8 (UCI optical recognition)',
    })
    .click();
  await expect.poll(() => thumbnail(page, '0', 1).isVisible(), POLL).toBe(true);
  expect(await thumbnail(page, '9', 12).isVisible()).toBe(true);
  expect(await readTableCell(tableByCaption(page, 'Images per class'), '0', 'Images')).toBe(178);
});

/** A width × height picture with colour and alpha varying across it, seeded by `seed`. */
function busyPng(width: number, height: number, seed: number): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      rgba[at] = (x * 7 + seed * 31) & 255;
      rgba[at + 1] = (y * 11 + x * y) & 255;
      rgba[at + 2] = ((x ^ y) * 5 + seed) & 255;
      rgba[at + 3] = 96 + ((x + y + seed) % 160);
    }
  }
  return encodePng(width, height, rgba);
}

/** A 24-bit BMP (bottom-up rows padded to 4 bytes) of a diagonal gradient. */
function gradientBmp(width: number, height: number): Uint8Array {
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const bytes = new Uint8Array(54 + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes.set([0x42, 0x4d]);
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, 54, true);
  view.setUint32(14, 40, true);
  view.setInt32(18, width, true);
  view.setInt32(22, height, true);
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * height, true);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = 54 + (height - 1 - y) * rowBytes + x * 3;
      bytes.set([(x * 9) & 255, (y * 9) & 255, ((x + y) * 4) & 255], at);
    }
  }
  return bytes;
}

async function thumbnailPixels(page: Page, label: string, count: number): Promise<number[][]> {
  const pixels: number[][] = [];
  for (let index = 1; index <= count; index++) {
    await thumbnail(page, label, index).waitFor({ timeout: UI_TIMEOUT_MS });
    pixels.push(
      await thumbnail(page, label, index)
        .locator('canvas')
        .evaluate((canvas: HTMLCanvasElement) => {
          const context = canvas.getContext('2d') as CanvasRenderingContext2D;
          return Array.from(context.getImageData(0, 0, canvas.width, canvas.height).data);
        }),
    );
  }
  return pixels;
}

test('a zip and a folder of the same pictures store the same pixels', async () => {
  const files: Record<string, Uint8Array> = {
    'pics/alpha/small.png': busyPng(40, 30, 1),
    'pics/alpha/large.png': busyPng(300, 200, 2),
    'pics/alpha/tiny.png': busyPng(10, 10, 3),
    'pics/plain/gradient.bmp': gradientBmp(45, 45),
    'pics/plain/solid.png': solidPng(16, 16, [10, 200, 90, 255]),
    'pics/plain/broken.png': new TextEncoder().encode('not a picture at all'),
  };
  const zipPath = writeZip('zipped-pics.zip', files);
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(dir, 'folder', name, '..'), { recursive: true });
    writeFileSync(join(dir, 'folder', name), bytes);
  }
  app = await openApp();
  const { page } = app;

  const gridOf = (name: string) =>
    page.getByRole('heading', { name: `Images by class: ${name}`, exact: true });
  await chooseZip(page, zipPath);
  await gridOf('zipped-pics').waitFor({ timeout: UI_TIMEOUT_MS });
  const fromZip = [
    ...(await thumbnailPixels(page, 'alpha', 3)),
    ...(await thumbnailPixels(page, 'plain', 2)),
  ];
  await expect.poll(() => page.getByText('1 files were skipped').isVisible(), POLL).toBe(true);

  await page
    .getByLabel('Choose a folder', { exact: true })
    .setInputFiles(join(dir, 'folder', 'pics'));
  await gridOf('pics').waitFor({ timeout: UI_TIMEOUT_MS });
  const fromFolder = [
    ...(await thumbnailPixels(page, 'alpha', 3)),
    ...(await thumbnailPixels(page, 'plain', 2)),
  ];
  // Five different pictures, each stored alike from both sources (a class's thumbnails come
  // in zip order from the zip and in name order from the folder).
  const asSet = (images: number[][]) => images.map((pixels) => pixels.join()).sort();
  expect(new Set(asSet(fromZip)).size).toBe(5);
  expect(asSet(fromFolder)).toEqual(asSet(fromZip));
});
