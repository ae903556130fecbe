/**
 * Issue 5 item 7 on a GPU backend: the same seed trained twice on WebGL gives the same loss
 * curve within the tolerance docs/performance.md documents ("Reproducibility across backends").
 * A small layer-builder network on iris is trained twice in one page at `?backend=webgl`; both
 * runs' full-precision per-epoch losses are read back from the run history in IndexedDB (the
 * page shows them rounded). Headless Chromium's WebGL is SwiftShader, in software, so this
 * checks the arithmetic path of the WebGL backend, not a real GPU's scheduling.
 */
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  chooseDataset,
  goToStage,
  openApp,
  readBackendBadge,
  stageScreen,
  startTraining,
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  waitForTrainingEnd,
  type AppSession,
} from './app';
import { curveDifference } from './curve-difference';
import { readStoredRuns } from './run-history';

/** docs/performance.md: same seed, same GPU backend, loss curves within these of each other. */
const GPU_REPRODUCIBILITY = { absolute: 1e-4, relative: 1e-4 } as const;

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const EPOCHS = 15;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function buildMlp(page: Page): Promise<void> {
  await goToStage(page, 'Model');
  const screen = stageScreen(page, 'Model');
  await screen
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const preset = screen
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: 'MLP', exact: true });
  await preset.click();
  await expect.poll(() => preset.getAttribute('aria-pressed'), POLL).toBe('true');
  const form = screen.getByRole('group', { name: 'How to train', exact: true });
  for (const [name, value] of [
    ['Epochs', EPOCHS],
    ['Seed', 7],
  ] as const) {
    const field = form.getByRole('spinbutton', { name, exact: true });
    await field.fill(String(value));
    await field.blur();
    await expect.poll(() => field.inputValue(), POLL).toBe(String(value));
  }
}

async function trainAndWaitForRecord(page: Page, runsBefore: number): Promise<void> {
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished', TRAINING_TIMEOUT_MS);
  await expect.poll(async () => (await readStoredRuns(page)).length, POLL).toBe(runsBefore + 1);
}

test('the same seed twice on WebGL gives loss curves within the documented tolerance', async () => {
  app = await openApp({ query: '?backend=webgl' });
  const { page } = app;
  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
  await buildMlp(page);
  await trainAndWaitForRecord(page, 0);
  await trainAndWaitForRecord(page, 1);

  const badge = await readBackendBadge(page);
  const runs = await readStoredRuns(page);
  expect(runs.map((r) => r.backend)).toEqual(['webgl', 'webgl']);
  const [first, second] = runs;
  // Early stopping may end both before EPOCHS, but at the same epoch.
  expect(first?.history.length).toBeGreaterThan(5);
  expect(second?.history.length).toBe(first?.history.length);
  const difference = curveDifference(first?.history ?? [], second?.history ?? []);
  console.log(
    `[reproducibility] WebGL run to run over ${difference.epochs} epochs: max |Δloss| ${difference.maxAbs}, max relative ${difference.maxRel}${difference.identical ? ' (identical)' : ''} | ${badge}`,
  );
  // The runs trained: the loss fell, so equal curves are not two flat lines.
  const losses = first?.history.map((e) => e.trainLoss) ?? [];
  expect(losses.at(-1)).toBeLessThan((losses[0] ?? 0) * 0.8);
  expect(difference.maxAbs).toBeLessThanOrEqual(GPU_REPRODUCIBILITY.absolute);
  expect(difference.maxRel).toBeLessThanOrEqual(GPU_REPRODUCIBILITY.relative);
});
