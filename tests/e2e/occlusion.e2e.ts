/**
 * Issue 7 item 6, the occlusion map: the digits CNN preset trained briefly, a test image picked
 * with the "Explain" button of a confusion-matrix cell's list, its occlusion map computed in
 * the prediction worker and named by a sentence (with the true class of the cell it came from,
 * so the worker's test image is the one the Evaluate screen listed), a second patch size,
 * another class watched, its values as a table; then the same for a drawn digit.
 */
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  accessibleName,
  chooseDataset,
  goToStage,
  openApp,
  stageScreen,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const DIGITS = 'Handwritten digits 8x8 (UCI optical recognition)';
const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function trainCnn(page: Page, epochs: number): Promise<void> {
  await chooseDataset(page, DIGITS);
  await goToStage(page, 'Model');
  const screen = stageScreen(page, 'Model');
  await screen
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const preset = screen
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: 'CNN for images', exact: true });
  await preset.click();
  await expect.poll(() => preset.getAttribute('aria-pressed'), POLL).toBe('true');
  const field = screen
    .getByRole('group', { name: 'How to train', exact: true })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await field.fill(String(epochs));
  await field.blur();
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished', TRAINING_TIMEOUT_MS);
}

test('digits CNN: the occlusion map of a test image and of a drawing', async () => {
  app = await openApp({ query: '?backend=wasm' });
  const { page } = app;
  await trainCnn(page, 4);
  await goToStage(page, 'Evaluate');

  // A correctly classified 7 from the confusion matrix's cell list: its row number.
  await page
    .getByRole('button', { name: /^\d+ rows?: true 7, predicted 7$/ })
    .first()
    .click();
  const rows = tableByCaption(page, 'Test rows: true 7, predicted 7');
  await rows.waitFor({ timeout: UI_TIMEOUT_MS });
  const rowNumber = Number(
    (await rows.getByRole('rowheader').first().textContent())?.replace(/\D/g, ''),
  );
  expect(rowNumber).toBeGreaterThan(0);
  // The list draws each test image small, named for screen readers.
  await rows
    .getByRole('img', { name: `Test image ${rowNumber}: true 7, predicted 7`, exact: true })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  // The cell list's own button explains that image at once, with the default 2×2 patch.
  await rows.getByRole('button', { name: `Explain test image ${rowNumber}`, exact: true }).click();
  const section = page.getByRole('region', { name: 'Explain an image' });
  const map = section.getByRole('img', {
    name: new RegExp(
      `^Occlusion map for test image ${rowNumber}, predicted 7: the most important region is `,
    ),
  });
  await map.waitFor({ timeout: UI_TIMEOUT_MS });
  await section
    .getByRole('img', { name: `Image: test image ${rowNumber}, 8×8 pixels, true class 7` })
    .waitFor();
  expect(await section.getByRole('spinbutton', { name: /^Test image number/ }).inputValue()).toBe(
    String(rowNumber),
  );
  await section.getByText(/ 49 occluded images scored in /).waitFor();

  // A bigger patch, asked for by hand: 3 × 3 positions.
  await section
    .getByRole('combobox', { name: 'Patch size' })
    .selectOption({ label: '4×4 pixels, step 2' });
  await section.getByRole('button', { name: 'Explain this image' }).click();
  await section.getByText(/ 9 occluded images scored in /).waitFor({ timeout: UI_TIMEOUT_MS });
  await map.waitFor({ timeout: UI_TIMEOUT_MS });
  const summary = await section.getByText(/^Watched class 7: probability/).textContent();
  console.log(`[occlusion] ${await accessibleName(map)} | ${summary}`);

  // Another class watched: its name says so (or that hiding nothing lowers that class).
  await section.getByRole('combobox', { name: 'Class to watch' }).selectOption({ label: '1' });
  await section.getByRole('button', { name: 'Explain this image' }).click();
  await section
    .getByRole('img', {
      name: new RegExp(
        `^Occlusion map for test image ${rowNumber}, predicted 7(, watching 1: the most important region is |: hiding no region lowers the probability of 1$)`,
      ),
    })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await section.getByRole('combobox', { name: 'Class to watch' }).selectOption({ index: 0 });
  await section.getByRole('button', { name: 'Explain this image' }).click();
  await map.waitFor({ timeout: UI_TIMEOUT_MS });

  await section.getByRole('button', { name: 'Show data' }).click();
  const grid = tableByCaption(page, 'Mean drop in the probability of 7 per pixel (row by column)');
  await expect.poll(() => grid.getByRole('row').count(), POLL).toBe(9);

  // A drawn "1": one vertical stroke, predicted, then explained.
  const panel = page.getByRole('region', { name: 'Try it' });
  const pad = panel.getByLabel('Drawing area. Draw a digit, then press Predict drawing.');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('the drawing pad has no box');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.85, { steps: 12 });
  await page.mouse.up();
  await panel.getByRole('button', { name: 'Predict drawing' }).click();
  await section.getByRole('radio', { name: 'The drawing or upload above' }).check();
  await section.getByRole('button', { name: 'Explain this image' }).click();
  // The stroke is ink on black: hiding some of it must lower the predicted class somewhere.
  const drawnMap = section.getByRole('img', {
    name: /^Occlusion map for the drawn image, predicted \d: the most important region is /,
  });
  await drawnMap.waitFor({ timeout: UI_TIMEOUT_MS });
  console.log(`[occlusion] ${await accessibleName(drawnMap)}`);
});
