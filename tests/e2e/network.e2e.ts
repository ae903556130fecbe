/**
 * The training studio as a person uses it: the layer builder chosen on the Model screen, its
 * CNN preset trained on digits; pause, a single step and resume during a long run; and a reload
 * in the middle of training, after which the Train screen offers the last checkpoint and the
 * run continues from the epoch after it.
 */
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  chooseDataset,
  goToStage,
  openApp,
  progressBar,
  readBackendBadge,
  readEpochsDone,
  readRowValue,
  stageScreen,
  startTraining,
  stopButton,
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

/** Model screen: the layer builder as the model family, a preset, and the number of epochs. */
async function buildNetwork(page: Page, preset: string, epochs: number): Promise<void> {
  await goToStage(page, 'Model');
  const screen = stageScreen(page, 'Model');
  await screen
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const presetButton = screen
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: preset, exact: true });
  await presetButton.click();
  await expect.poll(() => presetButton.getAttribute('aria-pressed'), POLL).toBe('true');
  const field = screen
    .getByRole('group', { name: 'How to train', exact: true })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await field.fill(String(epochs));
  await field.blur();
  await expect.poll(() => field.inputValue(), POLL).toBe(String(epochs));
}

async function setCheckpointEvery(page: Page, every: number): Promise<void> {
  const field = stageScreen(page, 'Model').getByRole('spinbutton', {
    name: 'Checkpoint every (epochs)',
    exact: true,
  });
  await field.fill(String(every));
  await field.blur();
  await expect.poll(() => field.inputValue(), POLL).toBe(String(every));
}

function trainScreenButton(page: Page, name: string | RegExp) {
  return stageScreen(page, 'Train').getByRole('button', {
    name,
    exact: typeof name === 'string',
  });
}

test('digits: the CNN preset reaches test accuracy ≥ 0.9 on WebAssembly', async () => {
  app = await openApp({ query: '?backend=wasm' });
  const { page } = app;

  await chooseDataset(page, DIGITS);
  await buildNetwork(page, 'CNN for images', 12);
  const startedAt = Date.now();
  await startTraining(page);
  const status = await waitForTrainingEnd(page, 'finished', TRAINING_TIMEOUT_MS);
  const seconds = (Date.now() - startedAt) / 1000;

  await goToStage(page, 'Evaluate');
  const metrics = tableByCaption(page, 'Test metrics');
  await metrics.waitFor();
  const accuracy = await readRowValue(metrics, 'Accuracy');
  const backend = await readBackendBadge(page);
  console.log(
    `[network] digits CNN: ${status} | test accuracy ${accuracy} | ${seconds.toFixed(1)} s | ${backend}`,
  );
  expect(accuracy).toBeGreaterThanOrEqual(0.9);
});

test('pause holds the epoch counter, one step advances it, resume goes on', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await chooseDataset(page, DIGITS);
  await buildNetwork(page, 'MLP', 1000);
  await startTraining(page);
  await expect.poll(() => readEpochsDone(page), POLL).toBeGreaterThanOrEqual(1);

  const pause = trainScreenButton(page, 'Pause');
  const resume = trainScreenButton(page, 'Resume');
  const stepEpoch = trainScreenButton(page, 'Step one epoch');
  const stepBatch = trainScreenButton(page, 'Step one batch');
  expect(await stepEpoch.isDisabled()).toBe(true);
  expect(await resume.isDisabled()).toBe(true);
  await pause.click();
  await expect.poll(() => stepEpoch.isEnabled(), POLL).toBe(true);
  expect(await pause.isDisabled()).toBe(true);
  // The batch under way finishes (it may close an epoch); then the counter must hold.
  await page.waitForTimeout(500);
  const held = await readEpochsDone(page);
  await page.waitForTimeout(1500);
  expect(await readEpochsDone(page)).toBe(held);

  await stepEpoch.click();
  await expect.poll(() => readEpochsDone(page), POLL).toBe(held + 1);
  await stepBatch.click();
  await page.waitForTimeout(1000);
  expect(await readEpochsDone(page)).toBeLessThanOrEqual(held + 2);
  const beforeResume = await readEpochsDone(page);

  await resume.click();
  await expect.poll(() => readEpochsDone(page), POLL).toBeGreaterThan(beforeResume + 1);
  expect(await pause.isEnabled()).toBe(true);
  console.log(`[network] paused at ${held}, stepped to ${held + 1}, resumed past ${beforeResume}`);

  await stopButton(page).click();
  await waitForTrainingEnd(page, 'stopped', UI_TIMEOUT_MS);
});

test('a reload during training offers the checkpoint and continues from the next epoch', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await chooseDataset(page, DIGITS);
  await buildNetwork(page, 'MLP', 1000);
  await setCheckpointEvery(page, 2);
  await startTraining(page);
  await page
    .getByRole('status')
    .filter({ hasText: /Checkpoint saved at epoch [2-9]/ })
    .first()
    .waitFor({ timeout: TRAINING_TIMEOUT_MS });

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Fitlab' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await goToStage(page, 'Train');
  const offer = trainScreenButton(page, /^Resume from epoch \d+$/);
  await offer.waitFor({ timeout: UI_TIMEOUT_MS });
  const saved = Number(/(\d+)$/.exec((await offer.textContent()) ?? '')?.[1]);
  expect(saved).toBeGreaterThanOrEqual(2);

  // Every epoch count the progress bar shows from here on, in order.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seenEpochs: number[] }).seenEpochs = seen;
    const record = () => {
      const bar = document.querySelector('[role="progressbar"]');
      const value = Number(bar?.getAttribute('aria-valuenow') ?? 'NaN');
      if (Number.isFinite(value) && seen[seen.length - 1] !== value) seen.push(value);
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  });
  await offer.click();
  await page
    .getByRole('status')
    .filter({ hasText: `Continued from the checkpoint of epoch ${saved}.` })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await expect
    .poll(() => readEpochsDone(page), { timeout: TRAINING_TIMEOUT_MS, interval: 100 })
    .toBeGreaterThanOrEqual(saved + 2);
  const seen = await page.evaluate(
    () => (window as unknown as { seenEpochs: number[] }).seenEpochs,
  );
  const shown = seen.filter((epoch) => epoch > 0);
  console.log(`[network] resumed from epoch ${saved}; epochs shown after: ${shown.join(', ')}`);
  // Nothing restarts from scratch: the history up to the checkpoint stays, then saved + 1.
  expect(shown.every((epoch) => epoch >= saved)).toBe(true);
  expect(shown.find((epoch) => epoch > saved)).toBe(saved + 1);
  await expect.poll(() => progressBar(page).getAttribute('aria-valuemax'), POLL).toBe('1000');

  await stopButton(page).click();
  await waitForTrainingEnd(page, 'stopped', UI_TIMEOUT_MS);
});
