/**
 * The Prepare stage as a person uses it: a dataset's default recipe shows the steps it needs
 * (with the reason for each), and training goes through that recipe to test metrics.
 * Runs once the Prepare strings are merged into the English catalogue (until then the UI shows
 * raw keys, and there is nothing a person could find by name).
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { hasTranslation } from '../../src/i18n';
import {
  chooseDataset,
  goToStage,
  openApp,
  readRowValue,
  stageButton,
  startTraining,
  tableByCaption,
  UI_TIMEOUT_MS,
  waitForTrainingEnd,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Opens Prepare and waits for the step card named `name` in the recipe list. */
async function expectStep(page: Page, name: string): Promise<void> {
  const button = stageButton(page, 'Prepare');
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('page');
  const card = page.getByRole('listitem', { name, exact: true });
  await card.waitFor({ timeout: UI_TIMEOUT_MS });
  await expect.poll(() => card.getByRole('checkbox', { name: 'Enabled' }).isChecked()).toBe(true);
}

describe.skipIf(!hasTranslation('en', 'stage.prepare'))('Prepare', () => {
  test('airquality: the default recipe imputes, an MLP regression reports test RMSE and R²', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    await chooseDataset(page, 'New York air quality, May-September 1973');
    await expectStep(page, 'Impute missing values');
    await expectStep(page, 'Standardize');
    await goToStage(page, 'Model');
    await startTraining(page);
    await waitForTrainingEnd(page, 'finished');

    await goToStage(page, 'Evaluate');
    const metrics = tableByCaption(page, 'Test metrics');
    await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await readRowValue(metrics, 'RMSE')).toBeGreaterThan(0);
    const r2 = metrics
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'R²' }) });
    expect((await r2.getByRole('cell').first().textContent())?.trim()).toMatch(/\d/);
  });

  test('penguins: one-hot and standardize, then a classifier reports test accuracy', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    await chooseDataset(page, 'Palmer Archipelago penguins');
    await expectStep(page, 'One-hot encode');
    await expectStep(page, 'Standardize');
    const distribution = tableByCaption(page, 'Class distribution per split');
    await distribution.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await distribution.getByRole('rowheader').allTextContents()).toEqual([
      'Adelie',
      'Chinstrap',
      'Gentoo',
    ]);
    await startTraining(page);
    await waitForTrainingEnd(page, 'finished');

    await goToStage(page, 'Evaluate');
    const metrics = tableByCaption(page, 'Test metrics');
    await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
    const accuracy = await readRowValue(metrics, 'Accuracy');
    expect(accuracy).toBeGreaterThan(0.8);
  });

  test('penguins: outlier and PCA steps show a box plot and an explained-variance chart', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    await chooseDataset(page, 'Palmer Archipelago penguins');
    await expectStep(page, 'Standardize');
    const stepType = page.getByLabel('Step type', { exact: true });
    const add = page.getByRole('button', { name: 'Add step', exact: true });
    await stepType.selectOption({ label: 'Outliers' });
    await add.click();
    await stepType.selectOption({ label: 'PCA' });
    await add.click();

    const boxes = page.getByRole('img', {
      name: /^Box plots of \d+ columns on the training split/,
    });
    await boxes.waitFor({ timeout: UI_TIMEOUT_MS });
    const variance = page.getByRole('img', {
      name: /^2 components explain [\d.]+% of the training/,
    });
    await variance.waitFor({ timeout: UI_TIMEOUT_MS });

    const card = page.getByRole('listitem', { name: 'PCA', exact: true });
    await card.getByRole('button', { name: 'Show data', exact: true }).click();
    const table = tableByCaption(page, 'Data: Explained variance');
    await table.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['pc1', 'pc2']);
  });
});
