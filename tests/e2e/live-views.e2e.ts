/**
 * Live views while a network learns: on two moons (generated, saved, chosen for training) the
 * decision-boundary map redraws as epochs pass (its accessible name moves on), and the page
 * answers a click at once while the worker trains; the longest gap between animation frames
 * during training is logged.
 */
import { afterEach, expect, test } from 'vitest';
import {
  accessibleName,
  chooseDataset,
  goToStage,
  openApp,
  startTraining,
  stopButton,
  UI_TIMEOUT_MS,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 50 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('the decision boundary updates during training and the page stays responsive', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await goToStage(page, 'Data');
  const generator = page.getByRole('region', { name: 'Generate a 2-D dataset' });
  await generator.getByRole('combobox', { name: 'Shape' }).selectOption({ label: 'Two moons' });
  await generator.getByRole('spinbutton', { name: 'Points' }).fill('400');
  await generator.getByRole('textbox', { name: 'Dataset name' }).fill('Live moons');
  await generator.getByRole('button', { name: 'Save as dataset' }).click();
  await generator
    .getByRole('status')
    .filter({ hasText: 'Saved “Live moons” to your datasets' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Use Live moons for training' }).click();
  const chooser = page.getByRole('region', { name: 'Train on “Live moons”' });
  await chooser.getByRole('button', { name: 'Use as the project’s dataset' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: '“Live moons” is now the project’s dataset' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // The default MLP trains on the small-network engine, in a second or two: its map shows the
  // final epoch, always sent however tight the throttle.
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  const tinyMap = page.getByRole('img', { name: /^Decision boundary after epoch \d+/ });
  const tinyName = await accessibleName(tinyMap);
  const planned = Number(
    await page
      .getByRole('progressbar', { name: 'Training progress' })
      .getAttribute('aria-valuemax'),
  );
  expect(tinyName).toContain(`after epoch ${planned}:`);

  // A first layer too wide for the small-network engine: TF.js trains it, a few ms a batch, so
  // the run lasts long enough to watch (the tiny engine's views are unit-tested).
  await goToStage(page, 'Model');
  const units = page.getByRole('spinbutton', { name: 'Units in layer 1', exact: true });
  await units.fill('256');
  await units.blur();
  await expect.poll(() => units.inputValue(), POLL).toBe('256');
  // The MLP's own training settings (other panels of the Model screen have epochs too).
  const epochs = page
    .getByRole('group', { name: 'Training' })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('1000');
  await epochs.blur();
  await expect.poll(() => epochs.inputValue(), POLL).toBe('1000');
  // Small batches: more steps an epoch, so the run lasts long enough to watch on any engine.
  const batch = page
    .getByRole('group', { name: 'Training' })
    .getByRole('spinbutton', { name: 'Batch size', exact: true });
  await batch.fill('4');
  await batch.blur();
  await expect.poll(() => batch.inputValue(), POLL).toBe('4');

  await startTraining(page);
  // Longest gap between two animation frames while the worker trains.
  await page.evaluate(() => {
    const w = window as unknown as { maxFrameGap: number };
    w.maxFrameGap = 0;
    let last = performance.now();
    const tick = (now: number) => {
      w.maxFrameGap = Math.max(w.maxFrameGap, now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });

  const map = page.getByRole('img', { name: /^Decision boundary after epoch \d+/ });
  await map.waitFor({ timeout: UI_TIMEOUT_MS });
  const first = await accessibleName(map);
  await expect.poll(() => accessibleName(map), POLL).not.toBe(first);
  const second = await accessibleName(map);
  const epochOf = (name: string) => Number(/epoch (\d+)/.exec(name)?.[1]);
  expect(epochOf(second)).toBeGreaterThan(epochOf(first));
  expect(first).toMatch(
    /% of training points \(\d+ of 240\) and \d+ % of test points \(\d+ of 80\)/,
  );
  expect(await stopButton(page).isEnabled()).toBe(true);

  // A click answers while the run goes on.
  const logScale = page.getByRole('checkbox', { name: 'Logarithmic scale' });
  const clickedAt = Date.now();
  // Forced: charts above it grow while the run goes on, and Playwright would otherwise wait
  // for the layout to hold still rather than measure the page's answer.
  await logScale.click({ force: true });
  await expect.poll(() => logScale.isChecked(), POLL).toBe(true);
  // Timed for the log only, never asserted (machines are noisy): what the test requires is
  // that the click took effect while the run was still going.
  const answerMs = Date.now() - clickedAt;
  expect(await stopButton(page).isEnabled()).toBe(true);
  const maxFrameGap = await page.evaluate(
    () => (window as unknown as { maxFrameGap: number }).maxFrameGap,
  );

  // The first run, finished and recorded, joins the loss chart.
  await page.getByRole('checkbox', { name: 'Show earlier runs of this data' }).check();
  await page
    .getByRole('img', { name: /earlier runs overlaid: 1\.$/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  // A faster engine may have finished the run meanwhile; otherwise it is stopped here.
  if (await stopButton(page).isEnabled()) {
    await stopButton(page).click();
    await waitForTrainingEnd(page, 'stopped', UI_TIMEOUT_MS);
  }
  const last = await accessibleName(map);
  console.log(
    `[live-views] tiny engine: ${tinyName} | ${first} → ${last} | click answered in ${answerMs} ms | longest frame gap ${maxFrameGap.toFixed(0)} ms`,
  );
});

test('a CNN from the layer builder shows its feature maps, filters and gradient histograms', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await chooseDataset(page, 'Handwritten digits 8x8 (UCI optical recognition)');
  await goToStage(page, 'Model');
  await page
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  await page.getByRole('button', { name: 'CNN for images' }).click();
  await startTraining(page);

  const maps = page.getByRole('img', { name: /feature maps of layer 1 \(Conv2D\), each 8 × 8/ });
  await maps.waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('img', { name: /^After epoch \d+: \d+ filters of 3 × 3/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page
    .getByRole('img', { name: /^Histogram of \d+ gradients of / })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // Another sample and a deeper layer redraw the maps.
  const conv = page.getByRole('region', { name: 'Live views' });
  await conv.getByRole('combobox', { name: 'Test sample' }).selectOption({ index: 1 });
  await conv.getByRole('combobox', { name: 'Layer' }).selectOption({ index: 1 });
  const deeper = page.getByRole('img', { name: /feature maps of layer 2 / });
  await deeper.waitFor({ timeout: UI_TIMEOUT_MS });
  console.log(`[live-views] ${await accessibleName(deeper)}`);
  if (await stopButton(page).isEnabled()) {
    await stopButton(page).click();
    await waitForTrainingEnd(page, 'stopped', UI_TIMEOUT_MS);
  }
});

test('a regression plane gets a prediction map named by its R²', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await goToStage(page, 'Data');
  const generator = page.getByRole('region', { name: 'Generate a 2-D dataset' });
  await generator
    .getByRole('combobox', { name: 'Shape' })
    .selectOption({ label: 'Regression plane' });
  await generator.getByRole('textbox', { name: 'Dataset name' }).fill('Live plane');
  await generator.getByRole('button', { name: 'Save as dataset' }).click();
  await generator
    .getByRole('status')
    .filter({ hasText: 'Saved “Live plane” to your datasets' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Use Live plane for training' }).click();
  const chooser = page.getByRole('region', { name: 'Train on “Live plane”' });
  await chooser.getByRole('radio', { name: /Regression/ }).check();
  await chooser.getByRole('button', { name: 'Use as the project’s dataset' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: '“Live plane” is now the project’s dataset' })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  const map = page.getByRole('img', { name: /^Prediction map after epoch \d+: training R² / });
  await map.waitFor({ timeout: UI_TIMEOUT_MS });
  const name = await accessibleName(map);
  console.log(`[live-views] ${name}`);
  const r2 = Number(/test R² (-?[\d.]+)/.exec(name)?.[1]);
  expect(r2).toBeGreaterThan(0.8);
});
