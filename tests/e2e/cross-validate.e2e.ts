/**
 * Compare stage, issue 7 item 7: the paired t-test over cross-validation folds. Two runs on
 * iris (the default MLP and a random forest, one split) are cross-validated together on the
 * same 5 folds; the per-fold table, each run's mean ± sd and the t-test's p-value appear next
 * to McNemar's test.
 */
import { afterEach, expect, test } from 'vitest';
import {
  chooseDataset,
  goToStage,
  openApp,
  stageButton,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('an MLP and a random forest on iris cross-validated on the same folds with a paired t-test', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
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
    .waitFor({ timeout: TRAINING_TIMEOUT_MS });

  const compare = stageButton(page, 'Compare');
  await compare.click();
  await expect.poll(() => compare.getAttribute('aria-current'), POLL).toBe('page');
  await page.getByRole('checkbox', { name: 'Compare Run 1', exact: true }).check();
  await page.getByRole('checkbox', { name: 'Compare Run 2', exact: true }).check();
  await tableByCaption(page, "McNemar's test on the test rows").waitFor({ timeout: UI_TIMEOUT_MS });

  const startedAt = Date.now();
  await page.getByRole('button', { name: 'Cross-validate both (5 folds)', exact: true }).click();
  const folds = tableByCaption(page, /^Scores on each fold's held-out rows \(5 folds over 120 /);
  await folds.waitFor({ timeout: TRAINING_TIMEOUT_MS });
  console.log(`[cross-validate] 2 × 5 folds in ${Date.now() - startedAt} ms`);

  const headers = (await folds.getByRole('columnheader').allTextContents()).map((t) => t.trim());
  expect(headers).toEqual([
    'Fold',
    'Run 2: accuracy',
    'Run 1: accuracy',
    'Run 2: macro F1',
    'Run 1: macro F1',
  ]);
  const foldHeaders = await folds.getByRole('rowheader').allTextContents();
  expect(foldHeaders.map((t) => t.trim())).toEqual(['1', '2', '3', '4', '5', 'Mean ± sd']);
  const accuracies = (await folds.getByRole('cell').allTextContents()).slice(0, 20);
  for (const text of accuracies) expect(Number(text)).toBeGreaterThan(0.5);

  const ttest = tableByCaption(page, 'Paired t-test over the folds (two-sided)');
  const accuracyRow = ttest
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'accuracy', exact: true }) });
  const cells = (await accuracyRow.getByRole('cell').allTextContents()).map((t) => t.trim());
  console.log(`[cross-validate] t-test on accuracy: ${cells.join(' | ')}`);
  // Either a t-test (difference, t, df 4, p, verdict) or, if both runs scored the same on
  // every fold, the reason there is none.
  if (cells.length === 5) {
    expect(cells[2]).toBe('4');
    expect(cells[3]).toMatch(/^(< 0\.0001|[01]\.\d{4})$/);
    await page.getByText(/^Over 5 folds, Run [12]'s mean accuracy was better/).waitFor();
  } else {
    expect(cells.join(' ')).toContain('not tested');
  }
  await page.getByRole('img', { name: /^accuracy on each of 5 folds: Run 2 mean / }).waitFor();

  // One run on its own, from its details: the folds' spread as a chart with mean ± sd.
  await page.getByRole('button', { name: 'Details of Run 1', exact: true }).click();
  await page
    .getByRole('button', { name: 'Cross-validate this run (5 folds)', exact: true })
    .click();
  const single = page.getByRole('img', {
    name: /^accuracy on each of 5 folds: Run 1 mean \d\.\d{3}$/,
  });
  await single.waitFor({ timeout: TRAINING_TIMEOUT_MS });
  const summary = page.getByText(/^accuracy over the folds: \d\.\d{3} ± \d\.\d{3}$/);
  console.log(`[cross-validate] Run 1 alone: ${(await summary.textContent())?.trim()}`);
});
