/** Stopping a long run: the app returns to a ready state with a calm status, no error. */
import { afterEach, expect, test } from 'vitest';
import {
  UI_TIMEOUT_MS,
  openApp,
  readEpochsDone,
  setUpLongRun,
  startTraining,
  stopButton,
  trainButton,
  waitForTrainingEnd,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('Stop ends a long run and Train is enabled again', async () => {
  app = await openApp();
  const { page } = app;

  await setUpLongRun(page);
  await startTraining(page);
  await expect
    .poll(() => readEpochsDone(page), { timeout: UI_TIMEOUT_MS * 2, interval: 100 })
    .toBeGreaterThanOrEqual(2);
  expect(await trainButton(page).isDisabled()).toBe(true);

  await stopButton(page).click();
  const status = await waitForTrainingEnd(page, 'stopped', UI_TIMEOUT_MS);
  await expect.poll(() => trainButton(page).isEnabled(), { timeout: UI_TIMEOUT_MS }).toBe(true);

  expect(status).toMatch(/Training stopped/);
  expect(await readEpochsDone(page)).toBeLessThan(1000);
  expect(await stopButton(page).isDisabled()).toBe(true);
  expect(await page.getByRole('alert').filter({ visible: true }).count()).toBe(0);
});
