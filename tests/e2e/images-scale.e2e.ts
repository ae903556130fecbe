/**
 * The image import at the size the Data issue names: a zip of 10,000 small PNGs in ten class
 * folders goes in through the file picker, every image is decoded in the worker and stored, the
 * class counts are exact, a thumbnail grid appears per class, and the page keeps showing the
 * worker's progress while the import runs.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import {
  classFolder,
  manyImagesZip,
  TEN_THOUSAND_IMAGES as SPEC,
} from '../fixtures/images/many-images';
import { openApp, readTableCell, tableByCaption, type AppSession } from './app';

const TOTAL = SPEC.classes * SPEC.perClass;
/** Ten thousand decodes on two shared cores take tens of seconds, not the usual UI wait. */
const IMPORT_TIMEOUT_MS = 170_000;

let dir = '';
let app: AppSession | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fitlab-images-scale-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('a zip of 10,000 small images imports, with every class counted', async () => {
  const path = join(dir, `${SPEC.folder}.zip`);
  writeFileSync(path, manyImagesZip(SPEC));
  app = await openApp();
  const { page } = app;
  const poll = { timeout: IMPORT_TIMEOUT_MS, interval: 250 } as const;

  await page.getByLabel('Choose a .zip', { exact: true }).setInputFiles(path);
  // Mid-import the page keeps rendering the worker's progress, and Cancel stays available.
  const progress = page.getByRole('progressbar', { name: 'Importing images', exact: true });
  await progress.waitFor({ timeout: IMPORT_TIMEOUT_MS });
  await expect
    .poll(async () => Number(await progress.getAttribute('value')), poll)
    .toBeGreaterThan(0);
  expect(Number(await progress.getAttribute('max'))).toBe(TOTAL);
  const cancel = page.getByRole('button', { name: 'Cancel image import', exact: true });
  expect(await cancel.isEnabled()).toBe(true);

  const counts = tableByCaption(page, 'Images per class');
  await expect.poll(() => counts.isVisible(), poll).toBe(true);
  for (let c = 0; c < SPEC.classes; c++) {
    expect(await readTableCell(counts, classFolder(c), 'Images')).toBe(SPEC.perClass);
    const group = page.getByRole('group', {
      name: `Class ${classFolder(c)}: ${SPEC.perClass} images`,
    });
    expect(await group.getByRole('img').count()).toBeGreaterThan(0);
  }
  const sets = tableByCaption(page, 'Image sets');
  expect(await readTableCell(sets, SPEC.folder, 'Images')).toBe(TOTAL);
  expect(await readTableCell(sets, SPEC.folder, 'Classes')).toBe(SPEC.classes);
  expect(await page.getByText(/files were skipped/).count()).toBe(0);
});
