/**
 * Projects and the model registry, issue 8 items 1 and 2: a trained run is registered as v1 of
 * the first project; a second project is created from the header's project list, renamed, has
 * a setting changed, undone (button) and redone (keyboard); after a reload both projects, the
 * second one's settings and the registered run with its lineage are still there.
 */
import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  goToStage,
  openApp,
  stageButton,
  startTraining,
  tableByCaption,
  waitForTrainingEnd,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const projectBar = (page: Page) => page.getByRole('group', { name: 'Project', exact: true });
const projectName = (page: Page) => projectBar(page).getByText(/^Project: /);
const saveStatus = (page: Page) => projectBar(page).getByRole('status');
const projectsDialog = (page: Page) => page.getByRole('dialog', { name: 'Projects' });
/** The MLP form's epochs (other model kinds on the Model screen have their own). */
const epochsField = (page: Page) =>
  page
    .getByRole('group', { name: 'Training', exact: true })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });

async function setEpochs(page: Page, epochs: number): Promise<void> {
  await goToStage(page, 'Model');
  await epochsField(page).fill(String(epochs));
  await epochsField(page).blur();
  await expect.poll(() => epochsField(page).inputValue(), POLL).toBe(String(epochs));
}

async function openProjects(page: Page): Promise<void> {
  await projectBar(page).getByRole('button', { name: 'Projects', exact: true }).click();
  await projectsDialog(page).waitFor({ timeout: UI_TIMEOUT_MS });
}

async function projectNames(page: Page): Promise<string[]> {
  const table = projectsDialog(page).getByRole('table', { name: 'Saved projects' });
  await table.waitFor({ timeout: UI_TIMEOUT_MS });
  const names = await table.getByRole('rowheader').allTextContents();
  return names.map((name) => name.replace(/\(open now\)/, '').trim()).sort();
}

test('a second project is created, renamed, edited with undo/redo and kept with the registry after a reload', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page } = app;
  await expect.poll(() => projectName(page).textContent(), POLL).toBe('Project: Project 1');

  await setEpochs(page, 5);
  await startTraining(page);
  await waitForTrainingEnd(page, 'finished');

  await openProjects(page);
  const dialog = projectsDialog(page);
  await dialog.getByRole('textbox', { name: 'Name of the new project' }).fill('Second');
  await dialog.getByRole('button', { name: 'Create and open' }).click();
  await expect.poll(() => projectName(page).textContent(), POLL).toBe('Project: Second');
  await dialog.getByRole('button', { name: 'Rename Second', exact: true }).click();
  await dialog.getByRole('textbox', { name: 'New name for Second' }).fill('Lesson B');
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => projectNames(page), POLL).toEqual(['Lesson B', 'Project 1']);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => projectName(page).textContent(), POLL).toBe('Project: Lesson B');

  // A new project starts from the defaults (60 epochs), not from the first one's 5.
  await goToStage(page, 'Model');
  await expect.poll(() => epochsField(page).inputValue(), POLL).toBe('60');
  await setEpochs(page, 7);
  const undo = projectBar(page).getByRole('button', { name: 'Undo', exact: true });
  const redo = projectBar(page).getByRole('button', { name: 'Redo', exact: true });
  await expect.poll(() => undo.isEnabled(), POLL).toBe(true);
  await undo.click();
  await expect.poll(() => epochsField(page).inputValue(), POLL).toBe('60');
  expect(await redo.isEnabled()).toBe(true);
  await page.getByRole('heading', { level: 1, name: 'Fitlab' }).click();
  await page.keyboard.press('Control+Shift+Z');
  await expect.poll(() => epochsField(page).inputValue(), POLL).toBe('7');
  await expect.poll(() => saveStatus(page).textContent(), POLL).toContain('All changes saved');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Fitlab' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await expect.poll(() => projectName(page).textContent(), POLL).toBe('Project: Lesson B');
  await goToStage(page, 'Model');
  await expect.poll(() => epochsField(page).inputValue(), POLL).toBe('7');
  await openProjects(page);
  await expect.poll(() => projectNames(page), POLL).toEqual(['Lesson B', 'Project 1']);
  await projectsDialog(page).getByRole('button', { name: 'Open Project 1', exact: true }).click();
  await expect.poll(() => projectName(page).textContent(), POLL).toBe('Project: Project 1');
  await projectsDialog(page).getByRole('button', { name: 'Close', exact: true }).click();
  await expect.poll(() => epochsField(page).inputValue(), POLL).toBe('5');

  const compare = stageButton(page, 'Compare');
  await compare.click();
  await expect.poll(() => compare.getAttribute('aria-current'), POLL).toBe('page');
  const runs = tableByCaption(page, /^Runs$/);
  await runs.waitFor({ timeout: UI_TIMEOUT_MS });
  await expect.poll(() => runs.getByRole('rowheader').allTextContents(), POLL).toEqual(['Run 1']);
  expect(await runs.getByRole('cell', { name: 'v1 · Project 1' }).count()).toBe(1);
  await page.getByRole('button', { name: 'Details of Run 1', exact: true }).click();
  const lineage = tableByCaption(page, 'Lineage');
  await lineage.waitFor({ timeout: UI_TIMEOUT_MS });
  const row = (header: string) =>
    lineage
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: header, exact: true }) })
      .getByRole('cell');
  expect(await row('Project').textContent()).toBe('Project 1');
  expect(await row('Data SHA-256').textContent()).toMatch(/^[0-9a-f]{64}$/);
  expect(await row('Hyper-parameters').textContent()).toContain('epochs = 5');
  await page.getByRole('textbox', { name: 'Tags of Run 1 (separated by commas)' }).fill('baseline');
  await page.getByRole('button', { name: 'Save tags', exact: true }).click();
  await expect
    .poll(() => runs.getByRole('cell', { name: 'baseline', exact: true }).count(), POLL)
    .toBe(1);
  // The run's test results open in the evaluation views.
  await tableByCaption(page, 'Test metrics').waitFor({ timeout: UI_TIMEOUT_MS });
});
