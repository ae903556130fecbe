/**
 * The page stays responsive while a model trains: navigation clicks take effect while the
 * run goes on (the progress bar keeps advancing afterwards), because training lives in a
 * worker. No timing is asserted, only that the clicks land during training.
 */
import { afterEach, expect, test } from 'vitest';
import {
  UI_TIMEOUT_MS,
  goToStage,
  openApp,
  readEpochsDone,
  setUpLongRun,
  startTraining,
  stageButton,
  stopButton,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 50 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('stage navigation works while training runs', async () => {
  app = await openApp();
  const { page } = app;

  await setUpLongRun(page);
  await startTraining(page);
  await expect.poll(() => readEpochsDone(page), POLL).toBeGreaterThanOrEqual(1);
  const epochsBefore = await readEpochsDone(page);

  for (const stage of ['Evaluate', 'Model'] as const) {
    await stageButton(page, stage).click();
    await expect
      .poll(() => stageButton(page, stage).getAttribute('aria-current'), POLL)
      .toBe('page');
    expect(await stageButton(page, 'Train').getAttribute('aria-current')).not.toBe('page');
  }

  await goToStage(page, 'Train');
  // Still the same run: Stop is enabled and the epochs keep coming.
  expect(await stopButton(page).isEnabled()).toBe(true);
  await expect.poll(() => readEpochsDone(page), POLL).toBeGreaterThan(epochsBefore);

  await stopButton(page).click();
  const status = await waitForTrainingEnd(page, 'stopped', UI_TIMEOUT_MS);
  expect(status).toMatch(/Training stopped/);
});
