/**
 * Evaluate screen, issue 7: the binary threshold slider drives the confusion matrix, and the
 * downloaded HTML report opens with every network request blocked and still shows the metrics.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, expect, test } from 'vitest';
import {
  accessibleName,
  chooseDataset,
  goToStage,
  openApp,
  readCellNumbers,
  readRowValue,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('breast cancer: the threshold moves the confusion matrix; the HTML report works offline', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await chooseDataset(page, 'Breast cancer Wisconsin (diagnostic)');
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  await goToStage(page, 'Evaluate');

  const matrix = tableByCaption(page, 'Confusion matrix (test set)');
  await matrix.waitFor();
  const atHalf = await readCellNumbers(matrix);
  const [tn = 0, fp = 0, fn = 0, tp = 0] = atHalf;
  const slider = page.getByRole('slider', { name: 'Decision threshold' });

  // At threshold 0 every row is predicted positive: the first column empties into the second.
  await slider.fill('0');
  await expect.poll(() => readCellNumbers(matrix), POLL).toEqual([0, tn + fp, 0, fn + tp]);
  const roc = page.getByRole('img', { name: /^ROC curves \(test set\)/ });
  expect(await accessibleName(roc)).toContain('threshold 0.00');

  // Back at 0.5 the matrix is the one we started from, with every test row in it.
  await slider.focus();
  await slider.fill('0.5');
  await expect.poll(() => readCellNumbers(matrix), POLL).toEqual(atHalf);
  expect(sum(atHalf)).toBeGreaterThan(0);

  const accuracy = await readRowValue(tableByCaption(page, 'Test metrics'), 'Accuracy');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download HTML report' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.html$/);
  const html = await readFile(await download.path(), 'utf8');

  const offline = await app.browser.context.newPage();
  const requests: string[] = [];
  offline.on('request', (request) => requests.push(request.url()));
  await offline.route('**/*', (route) => route.abort());
  await offline.setContent(html, { waitUntil: 'load' });
  const reportMetrics = offline.getByRole('table', { name: 'Test metrics' });
  const reported = await readRowValue(reportMetrics, 'Accuracy');
  console.log(`[evaluate] test accuracy ${accuracy}, in the report ${reported}`);

  expect(reported).toBeCloseTo(accuracy, 3);
  expect(await offline.getByRole('img', { name: /^ROC curves \(test set\)/ }).count()).toBe(1);
  expect(requests).toEqual([]);
  await offline.close();
});
