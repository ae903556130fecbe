/**
 * The whole spine on the default data set with the default (auto) backend: train, evaluate,
 * and check the numbers a person would read. Also saves docs/screenshot.png for the README.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import {
  chooseDataset,
  goToStage,
  openApp,
  readBackendBadge,
  readCellNumbers,
  readRowValue,
  readTableCell,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const SCREENSHOT = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../docs/screenshot.png',
);

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('iris trains to at least 0.9 test accuracy and the confusion matrix covers the test set', async () => {
  app = await openApp();
  const { page } = app;

  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
  await startTraining(page);
  const status = await waitForTrainingEnd(page, 'finished');
  const testRows = await readTableCell(tableByCaption(page, 'Data split'), 'Rows', 'Test');
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  await goToStage(page, 'Evaluate');
  const metrics = tableByCaption(page, 'Test metrics');
  await metrics.waitFor();
  const accuracy = await readRowValue(metrics, 'Accuracy');
  const counts = await readCellNumbers(tableByCaption(page, /^Confusion matrix \(test set\)/));
  const backend = await readBackendBadge(page);
  console.log(`[iris] ${status} | test accuracy ${accuracy} | ${backend}`);

  expect(accuracy).toBeGreaterThanOrEqual(0.9);
  expect(testRows).toBe(30);
  expect(counts).toHaveLength(9);
  expect(counts.reduce((sum, n) => sum + n, 0)).toBe(testRows);

  // A cell's list shows its test rows' raw feature values, read from the run's own split.
  await page.getByRole('button', { name: /^\d+ rows?: true setosa, predicted setosa$/ }).click();
  const rows = tableByCaption(page, 'Test rows: true setosa, predicted setosa');
  await rows.getByRole('columnheader', { name: 'petal_length_cm', exact: true }).waitFor();
  const first = (await rows.getByRole('rowheader').first().textContent())?.trim() ?? '';
  const petal = await readTableCell(rows, first, 'petal_length_cm');
  console.log(`[iris] test row ${first}: petal_length_cm ${petal}`);
  // Setosa petals are short (1.0 to 1.9 cm in the file).
  expect(petal).toBeGreaterThanOrEqual(1);
  expect(petal).toBeLessThan(2);
});
