/**
 * Sequence tasks as a person uses them, on the CPU backend: an LSTM forecaster on
 * air_passengers draws its forecast against the actual series with a naive baseline table, and
 * a character LSTM on english_words prints generated text after each epoch. Figures and
 * training times are logged for the closing note.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { hasTranslation } from '../../src/i18n';
import {
  goToStage,
  openApp,
  readRowValue,
  tableByCaption,
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setField(panel: Locator, name: string, value: number): Promise<void> {
  const field = panel.getByRole('spinbutton', { name, exact: true });
  await field.fill(String(value));
  await field.blur();
  await expect.poll(() => field.inputValue()).toBe(String(value));
}

async function sequencePanel(page: Page, title: RegExp): Promise<Locator> {
  await goToStage(page, 'Model');
  const panel = page.getByRole('region', { name: 'Sequence models' });
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  const select = panel.getByRole('combobox', { name: 'Sequence dataset' });
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => title.test(o));
  if (!label)
    throw new Error(`no sequence dataset like ${String(title)} in ${options.join(' | ')}`);
  await select.selectOption({ label });
  return panel;
}

async function train(page: Page): Promise<Locator> {
  await goToStage(page, 'Train');
  const panel = page.getByRole('region', { name: 'Sequence models' });
  await panel.getByRole('button', { name: 'Train sequence model' }).click();
  return panel;
}

describe.skipIf(!hasTranslation('en', 'sequence.heading'))('Sequence models', () => {
  test('air_passengers: the LSTM forecast is drawn against the actual series', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    const setup = await sequencePanel(page, /^International airline passengers/);
    await setField(setup, 'Epochs', 30);
    const startedAt = Date.now();
    const panel = await train(page);
    const chart = panel.getByRole('img', { name: /^Test period of \d+ steps/ });
    await chart.waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const seconds = (Date.now() - startedAt) / 1000;
    expect(await chart.locator('path').count()).toBeGreaterThanOrEqual(3);
    const errors = tableByCaption(page, 'Test-period errors');
    const rows = errors.getByRole('row');
    const maeRow = rows.filter({ has: page.getByRole('rowheader', { name: 'MAE', exact: true }) });
    const [model, naive] = (await maeRow.getByRole('cell').allTextContents()).map((t) =>
      Number(t.replace(/,/g, '')),
    );
    console.log(
      `air_passengers LSTM forecaster (30 epochs, CPU): test MAE ${model} vs naive ${naive}; ${seconds.toFixed(1)} s`,
    );
    expect(model).toBeLessThan(naive ?? 0);

    // The data-table switch shows the same numbers as a table.
    await panel.getByRole('button', { name: 'Show data' }).first().click();
    await expect
      .poll(() => panel.getByRole('table').count(), { timeout: UI_TIMEOUT_MS })
      .toBeGreaterThan(1);

    await goToStage(page, 'Evaluate');
    await page
      .getByRole('region', { name: 'Sequence model results' })
      .getByRole('img', { name: /^Test period of/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  });

  test('english_words: the character LSTM prints text after each epoch', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    const setup = await sequencePanel(page, /^English word list/);
    await setField(setup, 'Characters of the corpus used', 1000);
    await setField(setup, 'Context (characters)', 8);
    await setField(setup, 'Epochs', 2);
    await setField(setup, 'Characters per sample', 30);
    const startedAt = Date.now();
    const panel = await train(page);
    const heading = panel.getByRole('heading', { name: /^Generated text after epoch 2/ });
    await heading.waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const figures = tableByCaption(page, 'Test-set figures');
    await figures.waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const seconds = (Date.now() - startedAt) / 1000;
    const samples = await panel.getByRole('listitem').locator('p').allTextContents();
    expect(samples.length).toBe(3);
    for (const sample of samples) expect([...sample].length).toBe('the '.length + 30);
    const loss = await readRowValue(figures, 'Cross-entropy (nats per character)');
    const uniform = await readRowValue(figures, 'Uniform guessing (log of the vocabulary size)');
    console.log(
      `english_words char LSTM (1,000 chars, 2 epochs, CPU): test loss ${loss} vs uniform ${uniform}; ${seconds.toFixed(1)} s; sample: ${JSON.stringify(samples[0])}`,
    );
    expect(loss).toBeLessThan(uniform);
    const perplexity = tableByCaption(page, 'Loss per epoch');
    expect(await perplexity.getByRole('row').count()).toBe(3);
  });

  test('figures for the closing note: seattle_weather forecast', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    const weather = await sequencePanel(page, /^Seattle daily weather/);
    await expect
      .poll(() => weather.getByRole('combobox', { name: 'Series to forecast' }).inputValue())
      .toBe('temp_max_c');
    await setField(weather, 'Epochs', 8);
    const startedAt = Date.now();
    const panel = await train(page);
    await panel
      .getByRole('img', { name: /^Test period of \d+ steps/ })
      .waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const weatherSeconds = (Date.now() - startedAt) / 1000;
    const errors = tableByCaption(page, 'Test-period errors');
    const maeRow = errors
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: 'MAE', exact: true }) });
    const [model, naive] = (await maeRow.getByRole('cell').allTextContents()).map(Number);
    console.log(
      `seattle_weather temp_max_c LSTM forecaster (8 epochs, CPU): test MAE ${model} vs naive ${naive}; ${weatherSeconds.toFixed(1)} s`,
    );
    expect(model).toBeLessThan((naive ?? 0) * 1.1);
  });

  test('figures for the closing note: fortunes Transformer', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    const text = await sequencePanel(page, /^Fortune cookies/);
    await text
      .getByRole('combobox', { name: 'Character model' })
      .selectOption({ label: 'Small Transformer (self-attention)' });
    await setField(text, 'Characters of the corpus used', 1500);
    await setField(text, 'Epochs', 2);
    const startedAt = Date.now();
    const panel = await train(page);
    const figures = tableByCaption(page, 'Test-set figures');
    await figures.waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const textSeconds = (Date.now() - startedAt) / 1000;
    const loss = await readRowValue(figures, 'Cross-entropy (nats per character)');
    const uniform = await readRowValue(figures, 'Uniform guessing (log of the vocabulary size)');
    const samples = await panel.getByRole('listitem').locator('p').allTextContents();
    console.log(
      `fortunes char Transformer (1,500 chars, 2 epochs, CPU): test loss ${loss} vs uniform ${uniform}; ${textSeconds.toFixed(1)} s; sample: ${JSON.stringify(samples[0])}`,
    );
    expect(loss).toBeLessThan(uniform);
  });
});
