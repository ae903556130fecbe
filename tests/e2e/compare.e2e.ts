/**
 * Compare stage, issue 7 item 7: two runs on breast cancer are kept, chosen in the runs table
 * and compared side by side (metrics with the best marked, McNemar's p-value); the history
 * survives a reload. The first run is the default MLP, the second a random forest (issue 6's
 * last end-to-end test: both on one comparison screen).
 */
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chooseDataset,
  goToStage,
  openApp,
  stageButton,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function goToCompare(page: Page): Promise<void> {
  const button = stageButton(page, 'Compare');
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current'), POLL).toBe('page');
}

const runsTable = (page: Page) => tableByCaption(page, /^Runs$/);
/** Body rows of the runs table (each has a row header, the run's name). */
const runRows = (page: Page) =>
  runsTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader') });

test('an MLP and a random forest on breast cancer compared with McNemar, kept after a reload', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await chooseDataset(page, 'Breast cancer Wisconsin (diagnostic)');
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');

  await goToStage(page, 'Model');
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({
    label: 'Random forest',
  });
  await startTraining(page);
  await page
    .getByRole('status')
    .filter({ hasText: 'Training finished: Random forest fitted' })
    .first()
    .waitFor({ timeout: 150_000 });

  await goToCompare(page);
  await expect.poll(() => runRows(page).count(), POLL).toBe(2);
  await page.getByRole('checkbox', { name: 'Compare Run 1', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Compare Run 2', exact: true }).check();

  const metrics = tableByCaption(page, 'Test metrics side by side');
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  const headers = (await metrics.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  expect(headers).toEqual(['Metric', 'Run 2', 'Run 1']);
  const accuracyCells = await metrics
    .getByRole('row')
    .filter({
      has: page.getByRole('rowheader', { name: 'Accuracy (higher is better)', exact: true }),
    })
    .getByRole('cell')
    .allTextContents();
  expect(accuracyCells).toHaveLength(2);
  expect(accuracyCells.join(' ')).toContain('(best)');

  const mcnemar = tableByCaption(page, "McNemar's test on the test rows");
  const pair = mcnemar
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Run 2 vs Run 1', exact: true }) });
  const cells = (await pair.getByRole('cell').allTextContents()).map((t) => t.trim());
  const pValue = cells[3] ?? '';
  console.log(`[compare] accuracy ${accuracyCells.join(' | ')} | McNemar ${cells.join(' | ')}`);
  expect(pValue).toMatch(/^(< 0\.0001|[01]\.\d{4})$/);
  await expect
    .poll(() => page.getByRole('img', { name: /^ROC curves \(test set\), one per run/ }).count())
    .toBe(1);
  // The forest fits without epochs: the loss overlay names it instead of drawing it.
  await page
    .getByText('No per-epoch loss recorded for: Run 2.')
    .waitFor({ timeout: UI_TIMEOUT_MS });
  const models = await runRows(page).getByRole('cell').allTextContents();
  expect(models.join(' ')).toContain('Random forest');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Fitlab' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await goToCompare(page);
  await expect.poll(() => runRows(page).count(), POLL).toBe(2);
  const names = await runsTable(page).getByRole('rowheader').allTextContents();
  expect(names.map((n) => n.trim())).toEqual(['Run 2', 'Run 1']);
});
