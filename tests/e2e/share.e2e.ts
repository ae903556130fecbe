/**
 * Share links end to end. The sender makes a link of the default iris project, then trains a
 * 2-D playground network (two moons) and shares it with the trained model; the link opens in a
 * fresh browser profile (a new user-data-dir, nothing stored) with the same settings and the
 * trained model's test metrics on Evaluate, without training. A damaged link gives a clear
 * message and changes nothing. Prints both link lengths for the closing note.
 */
import { afterEach, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeShare, shareHash } from '../../src/state/share/codec';
import {
  goToStage,
  stageButton,
  openApp,
  readRowValue,
  startTraining,
  tableByCaption,
  UI_TIMEOUT_MS,
  waitForTrainingEnd,
  type AppSession,
} from './app';

const sessions: AppSession[] = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

async function makeLink(page: Page, name: string): Promise<{ url: string; dialogText: string }> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this project' });
  await dialog.getByRole('textbox', { name: 'Project name in the link' }).fill(name);
  await dialog.getByRole('button', { name: 'Make link' }).click();
  const link = dialog.getByRole('textbox', { name: 'Link', exact: true });
  await link.waitFor({ timeout: UI_TIMEOUT_MS });
  const url = await link.inputValue();
  const snippet = await dialog.getByRole('textbox', { name: 'HTML to paste' }).inputValue();
  expect(snippet).toMatch(/^<iframe src="http/);
  const dialogText = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { url, dialogText };
}

test('a trained two-moons network opens from its link in a fresh profile, without training', async () => {
  const sender = await openApp({ query: '?backend=cpu' });
  sessions.push(sender);
  const { page } = sender;

  const iris = await makeLink(page, 'Iris');
  console.log(`[share] default iris project: link of ${iris.url.length} characters`);
  expect(iris.url).toContain('#p=3.');

  await goToStage(page, 'Data');
  const generator = page.getByRole('region', { name: 'Generate a 2-D dataset' });
  await generator.getByRole('combobox', { name: 'Shape' }).selectOption({ label: 'Two moons' });
  await generator.getByRole('spinbutton', { name: 'Points' }).fill('400');
  await generator.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await generator.getByRole('textbox', { name: 'Dataset name' }).fill('Moons share');
  await generator.getByRole('button', { name: 'Save as dataset' }).click();
  await generator
    .getByRole('status')
    .filter({ hasText: 'Saved “Moons share” to your datasets' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Use Moons share for training' }).click();
  const chooser = page.getByRole('region', { name: 'Train on “Moons share”' });
  await chooser.getByRole('button', { name: 'Use as the project’s dataset' }).click();

  await goToStage(page, 'Model');
  const epochs = page
    .getByRole('group', { name: 'Training' })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await epochs.fill('40');
  await epochs.blur();
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');
  await goToStage(page, 'Evaluate');
  const accuracy = await readRowValue(tableByCaption(page, 'Test metrics'), 'Accuracy');
  const logLoss = await readRowValue(tableByCaption(page, 'Test metrics'), 'Log loss');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save project file' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Moons share.fitlab');
  const projectFile = await download.path();

  const moons = await makeLink(page, 'Moons <b>lesson</b>');
  expect(moons.dialogText).toContain('The trained model is in the link');
  console.log(
    `[share] trained 2-D playground project (two moons, 400 points, MLP 16-8): link of ${moons.url.length} characters`,
  );

  // A fresh browser: its own temporary user-data-dir, so nothing of the sender's is there.
  const base = inject('fitlabBaseUrl');
  expect(moons.url.startsWith(base)).toBe(true);
  const recipient = await openApp({ query: moons.url.slice(base.length) });
  sessions.push(recipient);
  const other = recipient.page;
  const metrics = tableByCaption(other, 'Test metrics');
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  const shared = await readRowValue(metrics, 'Accuracy');
  console.log(`[share] sender's test accuracy ${accuracy}, recipient's without training ${shared}`);
  expect(shared).toBeCloseTo(accuracy, 4);
  // The name from the link is text: its markup shows as typed, and makes no element.
  await other
    .getByRole('status')
    .filter({ hasText: 'Opened the shared project “Moons <b>lesson</b>” with its trained model' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await other.locator('b', { hasText: 'lesson' }).count()).toBe(0);

  // The weights travelled too: the recipient's Try it panel predicts with the shared network.
  const tryIt = other.getByRole('region', { name: 'Try it' });
  await tryIt.waitFor({ timeout: UI_TIMEOUT_MS });
  await tryIt.getByRole('textbox', { name: 'x', exact: true }).fill('0');
  await tryIt.getByRole('textbox', { name: 'y', exact: true }).fill('1');
  await tryIt.getByRole('button', { name: 'Predict', exact: true }).click();
  await tryIt
    .getByRole('heading', { name: /^Prediction: [01]$/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  // And its decision map, drawn from the shared weights without training.
  await other
    .getByRole('img', { name: /^Decision boundary after epoch 40: / })
    .waitFor({ timeout: UI_TIMEOUT_MS });

  await goToStage(other, 'Model');
  const epochsThere = other
    .getByRole('group', { name: 'Training' })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  expect(await epochsThere.inputValue()).toBe('40');

  // Same settings, same seed, CPU backend: training again gives the same model.
  await startTraining(other);
  await waitForTrainingEnd(other, 'finished');
  await goToStage(other, 'Evaluate');
  const retrained = await readRowValue(tableByCaption(other, 'Test metrics'), 'Log loss');
  console.log(`[share] test log loss: sender ${logLoss}, recipient retrained ${retrained}`);
  expect(retrained).toBeCloseTo(logLoss, 4);

  // The project file opens in a third fresh profile, with the trained model too.
  const third = await openApp({ query: '?backend=cpu' });
  sessions.push(third);
  await third.page.getByLabel('Open project file').setInputFiles(projectFile);
  const fromFile = tableByCaption(third.page, 'Test metrics');
  await fromFile.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await readRowValue(fromFile, 'Accuracy')).toBeCloseTo(accuracy, 4);

  // The same link cut short: a clear message, and the settings stay the shared ones.
  const cut = moons.url.slice(0, moons.url.length - 40);
  await other.goto(cut.replace('?backend=cpu', '?backend=cpu&again=1'));
  await other
    .getByRole('alert')
    .filter({ hasText: /damaged|cut off/ })
    .waitFor({ timeout: UI_TIMEOUT_MS });
});

test('a lesson link hides the stages and the language menu it names', async () => {
  const text = await encodeShare({
    name: 'Lesson',
    dataset: { kind: 'builtin', id: 'iris' },
    model: {
      hiddenLayers: [5],
      activation: 'tanh',
      optimizer: 'adam',
      learningRate: 0.02,
      batchSize: 16,
      epochs: 12,
      seed: 3,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    embed: { hide: ['data'] },
  });
  const lesson = await openApp({
    query: `?backend=cpu${shareHash(text, ['prepare', 'language'])}`,
  });
  sessions.push(lesson);
  const { page } = lesson;
  await page
    .getByRole('status')
    .filter({ hasText: 'Opened the shared project “Lesson”' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await stageButton(page, 'Data').count()).toBe(0);
  expect(await stageButton(page, 'Prepare').count()).toBe(0);
  expect(await page.getByRole('combobox', { name: 'Language' }).count()).toBe(0);
  expect(await stageButton(page, 'Model').getAttribute('aria-current')).toBe(null);
  await goToStage(page, 'Model');
  const units = page.getByRole('spinbutton', { name: 'Units in layer 1', exact: true });
  expect(await units.inputValue()).toBe('5');
});
