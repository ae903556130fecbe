/**
 * A layer-builder network shared by link: the sender builds a small network on two moons (the
 * MLP preset cut to Dense 12 → Dense 6, without its dropout), trains it and makes a link; a
 * fresh browser profile opens it and sees, without training, the trained model's decision map
 * on Evaluate (named exactly as the sender's last live map) and the same layers and training
 * settings on the Model screen. Prints the link's length.
 */
import { afterEach, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  accessibleName,
  chooseDataset,
  goToStage,
  openApp,
  stageScreen,
  startTraining,
  UI_TIMEOUT_MS,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const EPOCHS = 30;
const MAP_NAME = /^Decision boundary after epoch \d+/;

const sessions: AppSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

async function useMoons(page: Page): Promise<void> {
  await goToStage(page, 'Data');
  const generator = page.getByRole('region', { name: 'Generate a 2-D dataset' });
  await generator.getByRole('combobox', { name: 'Shape' }).selectOption({ label: 'Two moons' });
  await generator.getByRole('spinbutton', { name: 'Points' }).fill('300');
  await generator.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await generator.getByRole('textbox', { name: 'Dataset name' }).fill('Moons net');
  await generator.getByRole('button', { name: 'Save as dataset' }).click();
  await generator
    .getByRole('status')
    .filter({ hasText: 'Saved “Moons net” to your datasets' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Use Moons net for training' }).click();
  const chooser = page.getByRole('region', { name: 'Train on “Moons net”' });
  await chooser.getByRole('button', { name: 'Use as the project’s dataset' }).click();
}

async function fill(page: Page, name: string, value: number): Promise<void> {
  const field = stageScreen(page, 'Model').getByRole('spinbutton', { name, exact: true });
  await field.fill(String(value));
  await field.blur();
  await expect.poll(() => field.inputValue(), POLL).toBe(String(value));
}

/** The builder's layer rows, by their row headers (the input and the output head included). */
async function layerRows(page: Page): Promise<string[]> {
  const table = stageScreen(page, 'Model')
    .getByRole('table')
    .filter({ has: page.locator('caption', { hasText: /^Layers$/ }) });
  return table.locator('tbody th[scope="row"]').allTextContents();
}

async function makeLink(page: Page, name: string, withModel = true): Promise<string> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this project' });
  await dialog.getByRole('textbox', { name: 'Project name in the link' }).fill(name);
  await dialog.getByRole('button', { name: 'Make link' }).click();
  const link = dialog.getByRole('textbox', { name: 'Link', exact: true });
  await link.waitFor({ timeout: UI_TIMEOUT_MS });
  const url = await link.inputValue();
  if (withModel) {
    expect((await dialog.textContent()) ?? '').toContain('The trained model is in the link');
  }
  await dialog.getByRole('button', { name: 'Close' }).click();
  return url;
}

test('a builder network on two moons opens from its link with its layers and decision map', async () => {
  const sender = await openApp({ query: '?backend=cpu' });
  sessions.push(sender);
  const { page } = sender;
  await useMoons(page);

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
  await screen.getByRole('button', { name: 'Remove layer 2', exact: true }).click();
  await fill(page, 'Units (1)', 12);
  await fill(page, 'Units (2)', 6);
  const training = screen.getByRole('group', { name: 'How to train', exact: true });
  const epochs = training.getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill(String(EPOCHS));
  await epochs.blur();
  await expect.poll(() => epochs.inputValue(), POLL).toBe(String(EPOCHS));
  // Every epoch runs and the last weights stay: the live map after the last epoch is the model.
  const early = screen.getByRole('checkbox', { name: 'Stop early', exact: true });
  await early.uncheck();
  await expect.poll(() => early.isChecked(), POLL).toBe(false);
  const layers = await layerRows(page);
  expect(layers.filter((row) => row === 'Dense').length).toBeGreaterThanOrEqual(2);

  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  // The sender's own last live map, on the Train screen.
  const liveMap = page.getByRole('img', { name: MAP_NAME });
  await expect.poll(async () => accessibleName(liveMap), POLL).toMatch(`epoch ${EPOCHS}:`);
  const senderMap = await accessibleName(liveMap);

  const url = await makeLink(page, 'Builder moons');
  console.log(
    `[share] trained builder network on two moons (300 points, Dense 12-6): link of ${url.length} characters`,
  );
  expect(url).toContain('#p=3.');

  // A fresh browser profile: nothing of the sender's is stored there.
  const base = inject('fitlabBaseUrl');
  const recipient = await openApp({ query: url.slice(base.length) });
  sessions.push(recipient);
  const other = recipient.page;
  const map = stageScreen(other, 'Evaluate').getByRole('img', { name: MAP_NAME });
  await map.waitFor({ timeout: UI_TIMEOUT_MS });
  const recipientMap = await accessibleName(map);
  console.log(`[share] sender's last live map: ${senderMap}`);
  console.log(`[share] recipient's map without training: ${recipientMap}`);
  expect(recipientMap).toBe(senderMap);
  expect(
    await other.getByRole('heading', { name: 'Decision map of the shared model' }).count(),
  ).toBe(1);

  await goToStage(other, 'Model');
  const there = stageScreen(other, 'Model');
  const family = there.getByRole('combobox', { name: 'Model', exact: true });
  expect(await family.locator('option:checked').textContent()).toBe(
    'Neural network — layer builder',
  );
  expect(await layerRows(other)).toEqual(layers);
  expect(await there.getByRole('spinbutton', { name: 'Units (1)', exact: true }).inputValue()).toBe(
    '12',
  );
  expect(await there.getByRole('spinbutton', { name: 'Units (2)', exact: true }).inputValue()).toBe(
    '6',
  );
  expect(
    await there
      .getByRole('group', { name: 'How to train', exact: true })
      .getByRole('spinbutton', { name: 'Epochs', exact: true })
      .inputValue(),
  ).toBe(String(EPOCHS));
  expect(await there.getByRole('checkbox', { name: 'Stop early', exact: true }).isChecked()).toBe(
    false,
  );
});

test('a builder network on data the recipe widens keeps its layers when its link opens', async () => {
  const sender = await openApp({ query: '?backend=cpu' });
  sessions.push(sender);
  const { page } = sender;
  await chooseDataset(page, 'Palmer Archipelago penguins');
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
  await fill(page, 'Units (1)', 20);
  await fill(page, 'Units (3)', 5);
  const layers = await layerRows(page);

  const url = await makeLink(page, 'Penguins builder', false);
  console.log(`[share] builder network on penguins, no weights: link of ${url.length} characters`);
  const recipient = await openApp({ query: url.slice(inject('fitlabBaseUrl').length) });
  sessions.push(recipient);
  const other = recipient.page;
  await other
    .getByRole('status')
    .filter({ hasText: 'Opened the shared project “Penguins builder”' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // Prepare first: its recipe preview widens the data (one-hot island and sex) after the
  // Model screen has seen the raw columns.
  await goToStage(other, 'Prepare');
  await goToStage(other, 'Model');
  const units = stageScreen(other, 'Model').getByRole('spinbutton', {
    name: 'Units (1)',
    exact: true,
  });
  await expect.poll(() => units.inputValue(), POLL).toBe('20');
  await other.waitForTimeout(1500);
  expect(await units.inputValue()).toBe('20');
  expect(
    await stageScreen(other, 'Model')
      .getByRole('spinbutton', { name: 'Units (3)', exact: true })
      .inputValue(),
  ).toBe('5');
  expect(await layerRows(other)).toEqual(layers);
});
