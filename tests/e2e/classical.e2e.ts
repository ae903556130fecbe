/**
 * Classical learners through the whole app, as a person would: choose a learner on the Model
 * screen, train, watch its own progress ("Trees built"), then read the usual evaluation plus
 * what the model tells about itself (feature importances, the decision tree).
 */
import { afterEach, expect, test } from 'vitest';
import {
  chooseDataset,
  goToStage,
  openApp,
  readCellNumbers,
  readRowValue,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  type AppSession,
} from './app';
import type { Page } from 'playwright-core';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function chooseLearner(page: Page, name: string): Promise<void> {
  await goToStage(page, 'Model');
  const family = page.getByRole('combobox', { name: 'Model', exact: true });
  await family.selectOption({ label: name });
  await expect.poll(async () => family.locator('option:checked').textContent()).toBe(name);
}

test('a random forest on iris: trees counted, scored like a network, importances drawn', async () => {
  app = await openApp();
  const { page } = app;

  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
  await chooseLearner(page, 'Random forest');
  await expect(
    page.getByRole('spinbutton', { name: 'Number of trees', exact: true }).inputValue(),
  ).resolves.toBe('100');
  await startTraining(page);
  const status = await waitForTrainingEnd(page, 'finished');

  const progress = page.getByRole('progressbar', { name: 'Fitting progress' });
  expect(await progress.getAttribute('aria-valuetext')).toBe('Trees built 100 / 100');

  await goToStage(page, 'Evaluate');
  const metrics = tableByCaption(page, 'Test metrics');
  await metrics.waitFor();
  const accuracy = await readRowValue(metrics, 'Accuracy');
  const counts = await readCellNumbers(tableByCaption(page, /^Confusion matrix \(test set\)/));
  const chart = page.getByRole('img', { name: /^Feature importance, Mean decrease in impurity/ });
  await chart.waitFor();
  const chartName = (await chart.getAttribute('aria-label')) ?? '';
  console.log(`[classical] ${status} | test accuracy ${accuracy} | ${chartName}`);

  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  expect(counts).toHaveLength(9);
  expect(counts.reduce((sum, n) => sum + n, 0)).toBe(30);
  expect(chartName).toMatch(/4 features\. Largest: petal_/);
  await expect(page.getByText('Model: Random forest').count()).resolves.toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Show as a table' }).click();
  const table = tableByCaption(page, /^Feature importance \(/);
  await expect(table.getByRole('row').count()).resolves.toBe(5);
});

test('a decision tree on iris is drawn, level by level, with a text alternative', async () => {
  app = await openApp();
  const { page } = app;

  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
  await chooseLearner(page, 'Decision tree');
  const noLimit = page.getByRole('checkbox', { name: 'No limit' });
  expect(await noLimit.isChecked()).toBe(true);
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');

  await goToStage(page, 'Evaluate');
  const tree = page.getByRole('img', { name: /^Decision tree of depth \d+/ });
  await tree.waitFor();
  const name = (await tree.getAttribute('aria-label')) ?? '';
  console.log(`[classical] ${name}`);
  expect(name).toMatch(/First question: petal_(length|width)_cm ≤ /);

  const depth = Number(/depth (\d+)/.exec(name)?.[1]);
  const deeper = page.getByRole('button', { name: 'Show one more level' });
  if (depth > 3) {
    await deeper.click();
    await expect
      .poll(async () => (await tree.getAttribute('aria-label')) ?? '')
      .toContain('drawn to depth 4');
  } else {
    expect(await deeper.isDisabled()).toBe(true);
  }
  await page.getByRole('button', { name: 'Show as text' }).click();
  const rules = page.getByRole('region', { name: 'The tree as nested rules' });
  await expect(rules.getByText(/^if petal_/).count()).resolves.toBeGreaterThan(0);
});
