/**
 * A sequence run as a person meets it from the Data screen (issue 8 item 2, issue 5): the
 * air_passengers card opens the Model screen's sequence panel on the forecaster, a two-epoch
 * run trains on the CPU backend, the registry lists it with its MAE, and its details draw the
 * stored forecast against the actual series. Epochs are kept tiny: the figures are not judged.
 */
import { afterEach, expect, test } from 'vitest';
import {
  chooseDataset,
  goToStage,
  openApp,
  stageButton,
  tableByCaption,
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const AIR = 'International airline passengers 1949-1960';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('air_passengers from the Data screen: forecaster, two epochs, kept in the registry with its forecast', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  // The card offers the series as a sequence task, with no "not trainable" wording.
  const open = page.getByRole('button', { name: `Train a forecaster on ${AIR}`, exact: true });
  await open.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await page.getByText(/not trainable yet/i).count()).toBe(0);
  await open.click();

  const model = stageButton(page, 'Model');
  await expect.poll(() => model.getAttribute('aria-current'), POLL).toBe('page');
  const setup = page.getByRole('region', { name: 'Sequence models' });
  await setup.waitFor({ timeout: UI_TIMEOUT_MS });
  const dataset = setup.getByRole('combobox', { name: 'Sequence dataset' });
  await expect.poll(() => dataset.inputValue(), POLL).toBe('air_passengers');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''), POLL)
    .toBe('Sequence models');
  const epochs = setup.getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('2');
  await epochs.blur();
  await expect.poll(() => epochs.inputValue(), POLL).toBe('2');

  await goToStage(page, 'Train');
  const panel = page.getByRole('region', { name: 'Sequence models' });
  const startedAt = Date.now();
  await panel.getByRole('button', { name: 'Train sequence model' }).click();
  // Pause and its fellows are there while it runs, as in the training studio.
  await panel.getByRole('group', { name: 'Run controls' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await panel
    .getByRole('img', { name: /^Test period of \d+ steps/ })
    .waitFor({ timeout: TRAINING_TIMEOUT_MS });
  const seconds = (Date.now() - startedAt) / 1000;

  const compare = stageButton(page, 'Compare');
  await compare.click();
  await expect.poll(() => compare.getAttribute('aria-current'), POLL).toBe('page');
  const runs = tableByCaption(page, /^Runs$/);
  const row = runs.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Run 1' }) });
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  const rowText = (await row.textContent()) ?? '';
  expect(rowText).toContain('LSTM forecaster, lookback 12, horizon 1, 2 epochs');
  const mae = Number(/MAE ([\d.,]+)/.exec(rowText)?.[1]?.replace(/,/g, ''));
  expect(Number.isFinite(mae)).toBe(true);
  console.log(
    `air_passengers forecaster, 2 epochs (CPU): registry MAE ${mae}; ${seconds.toFixed(1)} s`,
  );

  await page.getByRole('button', { name: 'Details of Run 1', exact: true }).click();
  const details = page.getByRole('region', { name: 'Run details: Run 1' });
  await details
    .getByRole('img', { name: /^Test period of \d+ steps: model MAE/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await details.getByText('Test-period errors').count()).toBeGreaterThan(0);

  // A second run lines up beside the first with forecast figures, not classifier metrics.
  await goToStage(page, 'Train');
  await panel.getByRole('button', { name: 'Train sequence model' }).click();
  await compare.click();
  await runs
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Run 2' }) })
    .waitFor({ timeout: TRAINING_TIMEOUT_MS });
  await page.getByRole('checkbox', { name: 'Compare Run 1', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Compare Run 2', exact: true }).check();
  const figures = tableByCaption(page, 'Test figures side by side');
  await figures.waitFor({ timeout: UI_TIMEOUT_MS });
  const rowHeaders = await figures.getByRole('rowheader').allTextContents();
  expect(rowHeaders.map((h) => h.trim())).toEqual([
    'MAE (lower is better)',
    'RMSE (lower is better)',
    'MAPE (%) (lower is better)',
    'Naive forecast MAE',
  ]);
  expect(await page.getByText('Test metrics side by side').count()).toBe(0);
});

test('an autoencoder run on digits is kept with its reconstruction grid and its weights', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await chooseDataset(page, 'Handwritten digits 8x8 (UCI optical recognition)');
  await goToStage(page, 'Train');
  const panel = page.getByRole('region', { name: 'Generative models' });
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  await panel.getByRole('radio', { name: 'Autoencoder', exact: true }).check();
  const epochs = panel.getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('2');
  await epochs.blur();
  await panel.getByRole('button', { name: 'Train generative model' }).click();
  await tableByCaption(page, 'Result of the run').waitFor({ timeout: TRAINING_TIMEOUT_MS });

  const compare = stageButton(page, 'Compare');
  await compare.click();
  await expect.poll(() => compare.getAttribute('aria-current'), POLL).toBe('page');
  const row = tableByCaption(page, /^Runs$/)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Run 1' }) });
  await row.waitFor({ timeout: UI_TIMEOUT_MS });
  expect((await row.textContent()) ?? '').toMatch(/reconstruction error [\d.]+/);
  await page.getByRole('button', { name: 'Details of Run 1', exact: true }).click();
  const details = page.getByRole('region', { name: 'Run details: Run 1' });
  await details
    .getByRole('img', { name: /^Reconstructions: \d+ images of 8 × 8 pixels/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // Encoder and decoder (64 → 32 → 8 → 32 → 64) are kept with the run: 4,744 floats.
  const weights = details
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Trained weights', exact: true }) });
  const kept = ((await weights.textContent()) ?? '').replace(/\s+/g, ' ');
  console.log(`digits autoencoder in the registry: trained weights ${kept}`);
  expect(kept).toMatch(/kept \(19(\.0)? kB\)/);
  expect(await details.getByText(/does not save its weights/).count()).toBe(0);
});
