/**
 * An imported image zip trains like the shipped digits: three class folders of generated 16×16
 * PNGs (distinct patterns and colours) go in through the file picker as RGB at 28 px; "Use … for
 * training" makes the set the project's dataset; Prepare offers (and previews) the image
 * augmentation step; the layer builder proposes its CNN for the 28×28×3 input; the run ends,
 * and Evaluate shows test accuracy well above chance, a confusion matrix headed by the three
 * folder names, colour thumbnails of a cell's test images, an occlusion map of one of them,
 * and the prediction of a newly uploaded picture. The same zip in grayscale trains too and
 * predicts an upload (imported sets get no drawing pad).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { encodePng } from '../fixtures/images/png';
import {
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  accessibleName,
  goToStage,
  openApp,
  readBackendBadge,
  readRowValue,
  stageScreen,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const SIDE = 16;
const PER_CLASS = 20;
const CLASSES = ['bars', 'quadrants', 'stripes'] as const;
/** Chance is 1/3 with three balanced classes; the run must beat it by this much. */
const MARGIN = 0.3;

let dir = '';
let app: AppSession | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fitlab-image-train-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/**
 * Image `index` of a class: vertical red bars, green top-left/bottom-right quadrants, or blue
 * horizontal stripes, each shifted by a pixel or two and with its own brightness, so no two
 * images of a class are the same.
 */
function patternPng(label: (typeof CLASSES)[number], index: number): Uint8Array {
  const shift = index % 3;
  const bright = 170 + ((index * 37) % 80);
  const rgba = new Uint8Array(SIDE * SIDE * 4);
  for (let y = 0; y < SIDE; y++) {
    for (let x = 0; x < SIDE; x++) {
      const on =
        label === 'bars'
          ? Math.floor((x + shift) / 2) % 2 === 0
          : label === 'quadrants'
            ? x + shift < SIDE / 2 === y < SIDE / 2
            : Math.floor((y + shift) / 3) % 2 === 0;
      const colour = {
        bars: [bright, 40, 30],
        quadrants: [30, bright, 40],
        stripes: [40, 30, bright],
      }[label];
      const background = 15 + ((x * 7 + y * 11 + index) % 20);
      rgba.set(
        on ? [...colour, 255] : [background, background, background, 255],
        (y * SIDE + x) * 4,
      );
    }
  }
  return encodePng(SIDE, SIDE, rgba);
}

function writeShapesZip(): string {
  const files: Record<string, Uint8Array> = {};
  for (const label of CLASSES) {
    for (let i = 0; i < PER_CLASS; i++) files[`shapes/${label}/${i}.png`] = patternPng(label, i);
  }
  const path = join(dir, 'shapes.zip');
  writeFileSync(path, zipSync(files));
  return path;
}

/** Picks the layer builder, checks it proposed the CNN, trains 10 epochs; the test accuracy. */
async function trainProposedCnn(page: Page, colour: string): Promise<number> {
  await goToStage(page, 'Model');
  const model = stageScreen(page, 'Model');
  await model
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const preset = model
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: 'CNN for images', exact: true });
  await expect.poll(() => preset.getAttribute('aria-pressed'), POLL).toBe('true');
  const epochs = model
    .getByRole('group', { name: 'How to train', exact: true })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('10');
  await epochs.blur();
  await expect.poll(() => epochs.inputValue(), POLL).toBe('10');

  const startedAt = Date.now();
  await startTraining(page);
  const status = await waitForTrainingEnd(page, 'finished', TRAINING_TIMEOUT_MS);
  const seconds = (Date.now() - startedAt) / 1000;

  await goToStage(page, 'Evaluate');
  const metrics = tableByCaption(page, 'Test metrics');
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  const accuracy = await readRowValue(metrics, 'Accuracy');
  console.log(
    `[image-folder-train] shapes zip (3 × ${PER_CLASS} PNGs, ${colour} 28 px) CNN: ${status} | test accuracy ${accuracy} | ${seconds.toFixed(1)} s | ${await readBackendBadge(page)}`,
  );
  return accuracy;
}

/** Imports the shapes zip at 28 px in the chosen colour and makes it the project's dataset. */
async function importShapes(page: Page, colour: 'RGB' | 'Grayscale'): Promise<void> {
  await goToStage(page, 'Data');
  await page.getByRole('radio', { name: colour }).check();
  await page.getByRole('combobox', { name: 'Image size' }).selectOption({ label: '28 × 28 px' });
  await page.getByLabel('Choose a .zip', { exact: true }).setInputFiles(writeShapesZip());
  const sets = tableByCaption(page, 'Image sets');
  const use = sets.getByRole('button', { name: 'Use shapes for training', exact: true });
  await use.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await sets.getByRole('row', { name: /shapes/ }).textContent()).toContain(
    `28 px, ${colour}`,
  );
  await use.click();
  await sets.getByText('“shapes” is now the project’s dataset').waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Uploads a new stripes picture on Evaluate's "Try it" and waits for its prediction. */
async function predictUpload(page: Page): Promise<void> {
  const upload = join(dir, 'new-stripes.png');
  writeFileSync(upload, patternPng('stripes', 7));
  await page.getByLabel('Choose an image to predict', { exact: true }).setInputFiles(upload);
  await page
    .getByRole('img', { name: 'What the model sees: “new-stripes.png” at 28×28 pixels' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('heading', { name: 'Prediction: stripes', exact: true })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

test('an imported image zip trains the proposed CNN above chance and evaluates by class', async () => {
  app = await openApp({ query: '?backend=wasm' });
  const { page } = app;

  await importShapes(page, 'RGB');

  // Prepare: the split is stratified by folder, and the image step is offered and previewed.
  await goToStage(page, 'Prepare');
  const stepType = page.getByLabel('Step type', { exact: true });
  await expect
    .poll(() => stepType.locator('option').allTextContents(), POLL)
    .toContain('Image augmentation');
  await stepType.selectOption({ label: 'Image augmentation' });
  await page.getByRole('button', { name: 'Add step', exact: true }).click();
  const card = page.getByRole('listitem', { name: 'Image augmentation', exact: true });
  await card
    .getByRole('img', {
      name: /^Training images, original then augmented: \d+ images of 28 × 28 pixels/,
    })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  const accuracy = await trainProposedCnn(page, 'RGB');
  expect(accuracy).toBeGreaterThan(1 / 3 + MARGIN);

  const matrix = tableByCaption(page, 'Confusion matrix (test set)');
  const headers = await matrix.getByRole('columnheader').allTextContents();
  expect(headers.map((text) => text.trim()).filter((text) => text !== '')).toEqual([...CLASSES]);

  // A cell's list draws its test images as colour thumbnails, named by row and classes.
  await page.getByRole('button', { name: /^\d+ rows?: true bars, predicted bars$/ }).click();
  const rows = tableByCaption(page, 'Test rows: true bars, predicted bars');
  const thumb = rows
    .getByRole('img', { name: /^Test image \d+: true bars, predicted bars$/ })
    .first();
  await thumb.waitFor({ timeout: UI_TIMEOUT_MS });
  const rowNumber = Number((await accessibleName(thumb)).replace(/^Test image (\d+):.*$/, '$1'));

  // That RGB test image explained by an occlusion map, from the cell list's own button.
  await rows.getByRole('button', { name: `Explain test image ${rowNumber}`, exact: true }).click();
  await page
    .getByRole('region', { name: 'Explain an image' })
    .getByRole('img', {
      name: new RegExp(`^Occlusion map for test image ${rowNumber}, predicted bars`),
    })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  // A new picture, uploaded: cropped and resized like the import, then predicted.
  await predictUpload(page);
});

test('the same zip in grayscale trains its CNN and predicts an uploaded picture', async () => {
  app = await openApp({ query: '?backend=wasm' });
  const { page } = app;
  await importShapes(page, 'Grayscale');
  const accuracy = await trainProposedCnn(page, 'Grayscale');
  expect(accuracy).toBeGreaterThan(1 / 3 + MARGIN);
  // Imported pictures are predicted from an upload prepared like the import, not a drawing pad.
  expect(await page.getByRole('button', { name: 'Predict drawing' }).count()).toBe(0);
  await predictUpload(page);
});
