/**
 * A generated dataset trains like any other: generate two moons in the Data screen, save it to
 * the library, choose it (and its target) for training, train the default MLP and read the
 * test accuracy on the Evaluate screen. The worker reads the saved points from IndexedDB.
 */
import { afterEach, expect, test } from 'vitest';
import {
  goToStage,
  openApp,
  readRowValue,
  readTableCell,
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

test('two moons: generate, save, use for training, train an MLP, read the test accuracy', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await goToStage(page, 'Data');

  const generator = page.getByRole('region', { name: 'Generate a 2-D dataset' });
  await generator.getByRole('combobox', { name: 'Shape' }).selectOption({ label: 'Two moons' });
  await generator.getByRole('spinbutton', { name: 'Points' }).fill('400');
  await generator.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await generator.getByRole('textbox', { name: 'Dataset name' }).fill('Moons e2e');
  const chart = generator.getByRole('img', { name: /Scatter plot of Two moons: 400 points/ });
  await chart.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await chart.locator('circle').count()).toBeGreaterThanOrEqual(400);

  await generator.getByRole('button', { name: 'Save as dataset' }).click();
  await generator
    .getByRole('status')
    .filter({ hasText: 'Saved “Moons e2e” to your datasets' })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await page.getByRole('button', { name: 'Use Moons e2e for training' }).click();
  const balance = tableByCaption(page, /Class balance of “label”/);
  await balance.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await readRowValue(balance, '0')).toBe(200);
  expect(await readRowValue(balance, '1')).toBe(200);
  const chooser = page.getByRole('region', { name: 'Train on “Moons e2e”' });
  expect(await chooser.getByRole('radio', { name: /Classification/ }).isChecked()).toBe(true);
  await chooser.getByRole('button', { name: 'Use as the project’s dataset' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: '“Moons e2e” is now the project’s dataset' })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await startTraining(page);
  const status = await waitForTrainingEnd(page, 'finished');
  const testRows = await readTableCell(tableByCaption(page, 'Data split'), 'Rows', 'Test');
  await goToStage(page, 'Evaluate');
  const metrics = tableByCaption(page, 'Test metrics');
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  const accuracy = await readRowValue(metrics, 'Accuracy');
  console.log(`[generated] ${status} | test rows ${testRows} | test accuracy ${accuracy}`);
  expect(testRows).toBe(80);
  expect(accuracy).toBeGreaterThanOrEqual(0.85);
});
