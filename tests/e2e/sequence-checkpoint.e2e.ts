/**
 * A sequence run survives a reload, as a person meets it on the CPU backend: the air_passengers
 * LSTM forecaster saves a checkpoint every 2 epochs, the page reloads in the middle of training,
 * the Train screen's sequence panel offers "Resume from epoch N", and the run continues from the
 * epoch after N with its history so far, never starting over.
 */
import { afterEach, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import {
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  goToStage,
  openApp,
  stageScreen,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setField(panel: Locator, name: string, value: number): Promise<void> {
  const field = panel.getByRole('spinbutton', { name, exact: true });
  await field.fill(String(value));
  await field.blur();
  await expect.poll(() => field.inputValue(), POLL).toBe(String(value));
}

function trainPanel(page: Page): Locator {
  return stageScreen(page, 'Train').getByRole('region', { name: 'Sequence models' });
}

/** The epoch the panel's progress line shows ("Epoch 5 of 200, …"), or NaN. */
async function shownEpoch(panel: Locator): Promise<number> {
  const texts = await panel.getByRole('status').allTextContents();
  const line = texts.find((t) => /^Epoch \d+ of \d+/.test(t.trim()));
  return Number(/^Epoch (\d+)/.exec(line?.trim() ?? '')?.[1] ?? Number.NaN);
}

test('a reload during a sequence run offers its checkpoint and continues from the next epoch', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;

  await goToStage(page, 'Model');
  const setup = stageScreen(page, 'Model').getByRole('region', { name: 'Sequence models' });
  await setup.waitFor({ timeout: UI_TIMEOUT_MS });
  const select = setup.getByRole('combobox', { name: 'Sequence dataset' });
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => o.startsWith('International airline passengers'));
  if (!label) throw new Error(`no air_passengers in ${options.join(' | ')}`);
  await select.selectOption({ label });
  await setField(setup, 'Epochs', 200);
  await setField(setup, 'Checkpoint the sequence run every (epochs)', 2);

  await goToStage(page, 'Train');
  let panel = trainPanel(page);
  await panel.getByRole('button', { name: 'Train sequence model' }).click();
  const startedAt = Date.now();
  await panel
    .getByRole('status')
    .filter({ hasText: /^Checkpoint saved at epoch \d+\.$/ })
    .waitFor({ timeout: TRAINING_TIMEOUT_MS });
  const firstSaveSeconds = (Date.now() - startedAt) / 1000;

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Fitlab' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await goToStage(page, 'Train');
  panel = trainPanel(page);
  const offer = panel.getByRole('button', { name: /^Resume from epoch \d+$/ });
  await offer.waitFor({ timeout: UI_TIMEOUT_MS });
  const saved = Number(/(\d+)$/.exec((await offer.textContent()) ?? '')?.[1]);
  expect(saved).toBeGreaterThanOrEqual(2);
  expect(saved % 2).toBe(0);
  await panel
    .getByRole('region', { name: 'Interrupted run' })
    .getByRole('button', { name: 'Discard checkpoint' })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  // For the closing note: the stored record's tensor bytes, and the time to write it again.
  const figures = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const opening = indexedDB.open('fitlab-checkpoints');
      opening.onsuccess = () => resolve(opening.result);
      opening.onerror = () => reject(opening.error);
    });
    const done = <T>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    type Saved = { values: Float32Array }[];
    const record = (await done(
      db.transaction('checkpoints').objectStore('checkpoints').get('sequence:air_passengers'),
    )) as { checkpoint: { weights: Saved; optimizer: Saved } };
    const bytes = [...record.checkpoint.weights, ...record.checkpoint.optimizer].reduce(
      (n, t) => n + t.values.byteLength,
      0,
    );
    const startedAt = performance.now();
    const tx = db.transaction('checkpoints', 'readwrite');
    tx.objectStore('checkpoints').put(record);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    const writeMs = performance.now() - startedAt;
    db.close();
    return { bytes, writeMs };
  });
  console.log(
    `[sequence-checkpoint] forecaster checkpoint: ${figures.bytes} B of tensors, written in ${figures.writeMs.toFixed(1)} ms`,
  );
  expect(figures.bytes).toBeGreaterThan(0);

  // Every epoch the progress line shows from here on, in order.
  await panel.evaluate((element) => {
    const seen: number[] = [];
    (window as unknown as { seenEpochs: number[] }).seenEpochs = seen;
    const record = () => {
      for (const status of element.querySelectorAll('[role="status"]')) {
        const match = /^Epoch (\d+) of/.exec(status.textContent?.trim() ?? '');
        const epoch = Number(match?.[1] ?? Number.NaN);
        if (Number.isFinite(epoch) && seen[seen.length - 1] !== epoch) seen.push(epoch);
      }
    };
    new MutationObserver(record).observe(element, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
  await offer.click();
  await panel
    .getByRole('status')
    .filter({ hasText: `Continued from the checkpoint of epoch ${saved}.` })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await expect
    .poll(() => shownEpoch(panel), { timeout: TRAINING_TIMEOUT_MS, interval: 100 })
    .toBeGreaterThanOrEqual(saved + 2);
  const seen = await page.evaluate(
    () => (window as unknown as { seenEpochs: number[] }).seenEpochs,
  );
  console.log(
    `[sequence-checkpoint] first checkpoint after ${firstSaveSeconds.toFixed(1)} s; resumed from epoch ${saved}; epochs shown after: ${seen.join(', ')}`,
  );
  // The run goes on from the checkpoint: never below it, and the checkpoint's epoch + 1 next.
  expect(seen.every((epoch) => epoch >= saved)).toBe(true);
  expect(seen.find((epoch) => epoch > saved)).toBe(saved + 1);
  // The epochs before the checkpoint are still on the loss chart: one point per epoch from 1.
  const chart = panel.getByRole('img', { name: /^Training and validation loss over \d+ epochs/ });
  const points = Number(
    /over (\d+) epochs/.exec((await chart.getAttribute('aria-label')) ?? '')?.[1],
  );
  expect(points).toBeGreaterThanOrEqual(saved + 2);

  await panel.getByRole('button', { name: 'Stop sequence run', exact: true }).click();
  await expect
    .poll(() => panel.getByRole('button', { name: 'Train sequence model' }).isEnabled(), POLL)
    .toBe(true);
});
