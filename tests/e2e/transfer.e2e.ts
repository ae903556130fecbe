/**
 * Transfer learning, issue 8 item 7: the CNN preset trained briefly on MNIST is kept in the
 * registry; on Fashion-MNIST the same network trains once from scratch and once from the MNIST
 * run's weights with its convolutions frozen and a new head for the clothing labels; the
 * registry shows the fine-tuned run's lineage and the Compare screen shows both runs' test
 * metrics and loss curves. Epochs are few: this checks the workflow, and logs the figures.
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
  stageButton,
  stageScreen,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const MNIST = 'MNIST handwritten digits, 1,000-image subset';
const FASHION = 'Fashion-MNIST subset (1,000 of 70,000 images)';
const EPOCHS = 3;
const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildCnn(page: Page, epochs: number): Promise<void> {
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
  await expect.poll(() => field.inputValue(), POLL).toBe(String(epochs));
}

/** Trains and returns the seconds it took, from the click to the end-of-run message. */
async function train(page: Page): Promise<number> {
  const startedAt = Date.now();
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished', TRAINING_TIMEOUT_MS);
  return (Date.now() - startedAt) / 1000;
}

async function goToCompare(page: Page): Promise<void> {
  const button = stageButton(page, 'Compare');
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current'), POLL).toBe('page');
}

test('MNIST CNN fine-tuned on Fashion-MNIST with frozen convolutions, compared with from scratch', async () => {
  app = await openApp({ query: '?backend=wasm' });
  const { page } = app;

  await chooseDataset(page, MNIST);
  await buildCnn(page, EPOCHS);
  const sourceSeconds = await train(page);

  await chooseDataset(page, FASHION);
  await goToStage(page, 'Model');
  const screen = stageScreen(page, 'Model');
  const transfer = screen.getByRole('group', { name: 'Start from a registered model' });
  const source = transfer.getByRole('combobox', { name: 'Source run', exact: true });
  await source.waitFor({ timeout: UI_TIMEOUT_MS });
  // The from-scratch twin first: same stack and settings, fresh weights.
  expect(await source.inputValue()).toBe('');
  const scratchSeconds = await train(page);

  await goToStage(page, 'Model');
  const option = source.getByRole('option', { name: /^Run 1 · MNIST/ });
  await source.selectOption({ label: (await option.textContent()) ?? '' });
  await transfer
    .getByText('New head: 10 → 10 classes, labels T-shirt/top, Trouser, Pullover, Dress, Coat…')
    .waitFor({ timeout: UI_TIMEOUT_MS });
  const freeze = (n: number, type: string) =>
    transfer.getByRole('checkbox', { name: `Freeze layer ${n} (${type})`, exact: true });
  expect(await freeze(1, 'Conv2D').isChecked()).toBe(true);
  expect(await freeze(3, 'Conv2D').isChecked()).toBe(true);
  expect(await freeze(6, 'Dense').isChecked()).toBe(false);
  const tunedSeconds = await train(page);
  const backend = await readBackendBadge(page);

  await goToCompare(page);
  await page.getByRole('button', { name: 'Details of Run 3', exact: true }).click();
  const lineage = tableByCaption(page, 'Lineage');
  const startedFrom = lineage
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Started from', exact: true }) })
    .getByRole('cell');
  await expect
    .poll(() => startedFrom.textContent(), POLL)
    .toBe(
      `Fine-tuned from Run 1 (${MNIST}); frozen layers: 1 (Conv2D), 3 (Conv2D); new head for 10 classes`,
    );

  await page.getByRole('checkbox', { name: 'Compare Run 2', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Compare Run 3', exact: true }).check();
  const metrics = tableByCaption(page, 'Test metrics side by side');
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  const headers = (await metrics.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  expect(headers).toEqual(['Metric', 'Run 3', 'Run 2']);
  const accuracy = (
    await metrics
      .getByRole('row')
      .filter({
        has: page.getByRole('rowheader', { name: 'Accuracy (higher is better)', exact: true }),
      })
      .getByRole('cell')
      .allTextContents()
  ).map((t) => t.trim());
  expect(accuracy).toHaveLength(2);
  await page
    .getByRole('img', { name: /^Loss per epoch, one pair per run/ })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  console.log(
    `[transfer] ${EPOCHS} epochs each, ${backend} | Fashion-MNIST test accuracy: fine-tuned (Run 3) ${accuracy[0]}, from scratch (Run 2) ${accuracy[1]} | MNIST source ${sourceSeconds.toFixed(1)} s, scratch ${scratchSeconds.toFixed(1)} s, fine-tuned ${tunedSeconds.toFixed(1)} s`,
  );
});
