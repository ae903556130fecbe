/** Binary classification on the CPU backend (pinned by URL): ROC chart and ROC AUC. */
import { afterEach, expect, test } from 'vitest';
import {
  accessibleName,
  chooseDataset,
  goToStage,
  openApp,
  readBackendBadge,
  readRowValue,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('breast cancer reaches a test ROC AUC of at least 0.95 and the ROC chart names it', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await chooseDataset(page, 'Breast cancer Wisconsin (diagnostic)');
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');

  await goToStage(page, 'Evaluate');
  const roc = page.getByRole('img', { name: /^ROC curves \(test set\)/ });
  await roc.waitFor();
  const rocName = await accessibleName(roc);
  const auc = await readRowValue(tableByCaption(page, 'Test metrics'), 'ROC AUC');
  const backend = await readBackendBadge(page);
  console.log(`[breast cancer] test ROC AUC ${auc} | chart "${rocName}" | ${backend}`);

  expect(rocName).toMatch(/^ROC curves \(test set\)/);
  expect(rocName).toContain('AUC');
  expect(backend).toMatch(/^Backend: CPU/i);
  expect(auc).toBeGreaterThanOrEqual(0.95);
});
