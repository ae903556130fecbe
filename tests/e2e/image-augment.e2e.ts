/**
 * Image augmentation as a person uses it: a table dataset is not offered the image step;
 * digits gets it at the top of its recipe, with a live preview grid of training images whose
 * wrapper is named; the CNN preset then trains with augmented epochs and reports test accuracy.
 */
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  chooseDataset,
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

const DIGITS = 'Handwritten digits 8x8 (UCI optical recognition)';
const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const STEP = 'Image augmentation';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function openPrepare(page: Page, firstStep: string): Promise<void> {
  await goToStage(page, 'Prepare');
  await page
    .getByRole('listitem', { name: firstStep, exact: true })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

async function offeredSteps(page: Page): Promise<string[]> {
  return page.getByLabel('Step type', { exact: true }).locator('option').allTextContents();
}

test('digits: an image augmentation step previews its images, then the CNN trains with it', async () => {
  app = await openApp({ query: '?backend=wasm' });
  const { page } = app;

  await chooseDataset(page, 'Palmer Archipelago penguins');
  await openPrepare(page, 'Standardize');
  expect(await offeredSteps(page)).not.toContain(STEP);

  await chooseDataset(page, DIGITS);
  await openPrepare(page, 'Standardize');
  expect(await offeredSteps(page)).toContain(STEP);
  await page.getByLabel('Step type', { exact: true }).selectOption({ label: STEP });
  await page.getByRole('button', { name: 'Add step', exact: true }).click();

  const card = page.getByRole('listitem', { name: STEP, exact: true });
  await card.waitFor({ timeout: UI_TIMEOUT_MS });
  // Added first, so it turns raw pixels before the standardize step scales them.
  await expect.poll(() => card.textContent(), POLL).toContain('Step 1');

  const grid = card.getByRole('img', {
    name: /^Training images, original then augmented: 24 images of 8 × 8 pixels/,
  });
  await grid.waitFor({ timeout: UI_TIMEOUT_MS });
  // What the canvas shows: its pixels change with the options and with each new draw.
  const drawn = () =>
    grid.locator('canvas').evaluate((canvas) => (canvas as HTMLCanvasElement).toDataURL());
  const before = await drawn();
  const rotation = card.getByRole('spinbutton', { name: 'Rotation (± degrees)', exact: true });
  await rotation.fill('30');
  await rotation.blur();
  const noise = card.getByRole('spinbutton', {
    name: 'Noise (std, share of the pixel range)',
    exact: true,
  });
  await noise.fill('0.1');
  await noise.blur();
  await expect.poll(drawn, POLL).not.toBe(before);
  const afterEdit = await drawn();
  await card.getByRole('button', { name: 'New samples', exact: true }).click();
  await expect.poll(drawn, POLL).not.toBe(afterEdit);
  // Back to the default strengths for the training run.
  await rotation.fill('10');
  await rotation.blur();
  await noise.fill('0');
  await noise.blur();

  await goToStage(page, 'Model');
  const model = stageScreen(page, 'Model');
  await model
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const preset = model
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: 'CNN for images', exact: true });
  await preset.click();
  await expect.poll(() => preset.getAttribute('aria-pressed'), POLL).toBe('true');
  const epochs = model
    .getByRole('group', { name: 'How to train', exact: true })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('6');
  await epochs.blur();
  await expect.poll(() => epochs.inputValue(), POLL).toBe('6');

  const startedAt = Date.now();
  await startTraining(page);
  const status = await waitForTrainingEnd(page, 'finished', TRAINING_TIMEOUT_MS);
  const seconds = (Date.now() - startedAt) / 1000;
  await goToStage(page, 'Evaluate');
  const metrics = tableByCaption(page, 'Test metrics');
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  const accuracy = await readRowValue(metrics, 'Accuracy');
  console.log(
    `[image-augment] digits CNN with augmentation: ${status} | test accuracy ${accuracy} | ${seconds.toFixed(1)} s | ${await readBackendBadge(page)}`,
  );
  expect(accuracy).toBeGreaterThan(0.8);
});
