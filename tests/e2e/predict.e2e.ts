/**
 * Prediction and export, issue 8: after training iris, the try-it form gives class
 * probabilities, an uploaded CSV comes back as a download with probability columns (and a
 * file missing a column is refused by name), and the model export zip holds the TF.js model,
 * its weights and the metadata.
 */
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, expect, test } from 'vitest';
import {
  chooseDataset,
  goToStage,
  openApp,
  startTraining,
  waitForTrainingEnd,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ROWS = [
  'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,note',
  '5.1,3.5,1.4,0.2,first',
  '6.7,3.0,5.2,2.3,second',
  '5.9,3.0,4.2,1.5,third',
].join('\n');

test('iris: try a row, predict a CSV, export the model', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  await goToStage(page, 'Evaluate');

  const panel = page.getByRole('region', { name: 'Try it' });
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  const petalLength = panel.getByRole('textbox', { name: 'petal_length_cm', exact: true });
  await expect.poll(() => petalLength.inputValue(), { timeout: UI_TIMEOUT_MS }).toBe('4.35');
  await petalLength.fill('1.4');
  await panel.getByRole('textbox', { name: 'petal_width_cm', exact: true }).fill('0.2');
  await panel.getByRole('button', { name: 'Predict', exact: true }).click();
  const chart = panel.getByRole('img', { name: /^Class probabilities\. Most likely: / });
  await chart.waitFor({ timeout: UI_TIMEOUT_MS });
  await panel
    .getByRole('heading', { name: /^Prediction: (setosa|versicolor|virginica)$/ })
    .waitFor();
  await panel.getByRole('button', { name: 'Show as table' }).click();
  await expect.poll(() => panel.getByRole('row').count(), { timeout: UI_TIMEOUT_MS }).toBe(4);

  const fileInput = panel.getByLabel('CSV file to predict');
  await fileInput.setInputFiles({
    name: 'rows.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(ROWS),
  });
  await panel.getByText('Predicted 3 rows of rows.csv.').waitFor({ timeout: UI_TIMEOUT_MS });
  await panel.getByText('Columns the model does not use were ignored: note.').waitFor();
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Download predictions (CSV)' }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe('rows-predictions.csv');
  const csv = (await readFile(await csvDownload.path(), 'utf8')).trim().split(/\r?\n/);
  expect(csv[0]).toBe(
    'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,note,predicted_species,probability_setosa,probability_versicolor,probability_virginica',
  );
  expect(csv).toHaveLength(4);
  const probabilities = (csv[1] ?? '').split(',').slice(6).map(Number);
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);

  await fileInput.setInputFiles({
    name: 'short.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('sepal_length_cm,sepal_width_cm\n5,3\n'),
  });
  await panel
    .getByRole('alert')
    .filter({
      hasText: 'The file lacks 2 columns the model needs: petal_length_cm, petal_width_cm.',
    })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  const [zipDownload] = await Promise.all([
    page.waitForEvent('download'),
    panel.getByRole('button', { name: 'Export model (zip)' }).click(),
  ]);
  expect(zipDownload.suggestedFilename()).toBe('iris-model.zip');
  const files = unzipSync(new Uint8Array(await readFile(await zipDownload.path())));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(['model.json', 'weights.bin', 'metadata.json', 'predict.html']),
  );
  const metadata = JSON.parse(strFromU8(files['metadata.json']!)) as { classNames: string[] };
  expect(metadata.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
  const model = JSON.parse(strFromU8(files['model.json']!)) as { format: string };
  expect(model.format).toBe('layers-model');

  // The exported page predicts from the three files with every network request refused.
  const offline = await app.browser.context.newPage();
  await offline.route('**/*', (route) => route.abort());
  await offline.setContent(strFromU8(files['predict.html']!), { waitUntil: 'load' });
  await offline.getByLabel('Export files').setInputFiles(
    ['model.json', 'weights.bin', 'metadata.json'].map((name) => ({
      name,
      mimeType: name.endsWith('.bin') ? 'application/octet-stream' : 'application/json',
      buffer: Buffer.from(files[name]!),
    })),
  );
  await offline.getByRole('textbox', { name: 'petal_length_cm' }).fill('1.4');
  await offline.getByRole('textbox', { name: 'petal_width_cm' }).fill('0.2');
  await offline.getByRole('button', { name: 'Predict' }).click();
  const rows = offline.getByRole('row');
  await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT_MS }).toBe(4);
  expect(await rows.nth(1).textContent()).toMatch(/^setosa\d/);
  await offline.close();
});

test('iris: permutation importance on the test split ranks a petal measurement first', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  await goToStage(page, 'Evaluate');

  const section = page.getByRole('region', { name: 'Which features matter' });
  await section.waitFor({ timeout: UI_TIMEOUT_MS });
  await section.getByRole('button', { name: 'Measure permutation importance' }).click();
  const chart = section.getByRole('img', {
    name: /^Permutation importance \(test split\), Drop in test score when shuffled, 4 features\. Largest: petal_/,
  });
  await chart.waitFor({ timeout: UI_TIMEOUT_MS });
  const summary = await section.getByText(/^Test accuracy before shuffling: /).textContent();
  console.log(`[predict] ${summary} | ${await chart.getAttribute('aria-label')}`);
  expect(summary).toMatch(/on 30 rows; 5 shuffles per column/);
  await section.getByRole('button', { name: 'Measure again' }).waitFor();
});

test('digits: a digit drawn on the pad gets class probabilities', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await chooseDataset(page, 'Handwritten digits 8x8 (UCI optical recognition)');
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  await goToStage(page, 'Evaluate');
  const panel = page.getByRole('region', { name: 'Try it' });
  const pad = panel.getByLabel('Drawing area. Draw a digit, then press Predict drawing.');
  await pad.waitFor({ timeout: UI_TIMEOUT_MS });
  const box = await pad.boundingBox();
  if (!box) throw new Error('the drawing pad has no box');
  // A "1": one vertical stroke down the middle.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.85, { steps: 12 });
  await page.mouse.up();
  await panel.getByRole('button', { name: 'Predict drawing' }).click();
  await panel
    .getByRole('img', { name: /^Class probabilities\. Most likely: \d at / })
    .waitFor({ timeout: UI_TIMEOUT_MS });
});
