/**
 * Fitlab as a person sees it: every helper finds elements by role and accessible name as
 * docs/ui-contract.md promises, never by CSS class or test id. Waits poll with generous bounds
 * that only stop a stuck test; nothing here asserts how fast anything is.
 */
import { expect, inject } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type BrowserSession, type LaunchOptions } from './browser';

/** Bounds for waits: long enough for a slow shared CI machine, short enough to fail. */
export const UI_TIMEOUT_MS = 30_000;
export const TRAINING_TIMEOUT_MS = 150_000;
const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

export type Stage = 'Data' | 'Prepare' | 'Model' | 'Train' | 'Evaluate';

export interface OpenOptions extends LaunchOptions {
  /** Query string for the app URL, e.g. `?backend=cpu`. */
  query?: string;
  /** Leave the language alone (English is set only when nothing is stored yet). */
  keepLocale?: boolean;
}

export interface AppSession {
  readonly page: Page;
  readonly browser: BrowserSession;
  /** Closes the browser, then fails if the page logged unexpected errors. */
  close(): Promise<void>;
}

/** The served build, e.g. `http://127.0.0.1:41234/fitlab/`, plus an optional query. */
export function appUrl(query = ''): string {
  return inject('fitlabBaseUrl') + query;
}

/**
 * Opens the app in a fresh browser in English and waits for the shell's heading. English is
 * stored only when no language is stored yet, so a reload keeps a language the test picked.
 */
export async function openApp(options: OpenOptions = {}): Promise<AppSession> {
  const browser = await launchBrowser(options);
  const { page } = browser;
  try {
    if (!options.keepLocale) {
      await page.addInitScript(() => {
        if (localStorage.getItem('fitlab.locale') === null) {
          localStorage.setItem('fitlab.locale', 'en');
        }
      });
    }
    await page.goto(appUrl(options.query));
    await page
      .getByRole('heading', { level: 1, name: 'Fitlab' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  } catch (error) {
    await browser.close();
    throw error;
  }
  return {
    page,
    browser,
    async close() {
      const errors = [...browser.errors];
      await browser.close();
      expect(errors, 'unexpected console errors or uncaught exceptions').toEqual([]);
    },
  };
}

/** A stage button of the stage navigation (named "Stages" in English). */
export function stageButton(page: Page, stage: string, navigation = 'Stages'): Locator {
  return page
    .getByRole('navigation', { name: navigation, exact: true })
    .getByRole('button', { name: stage, exact: true });
}

/** Clicks a stage in the navigation and waits until it is the current one. */
export async function goToStage(page: Page, stage: Stage): Promise<void> {
  const button = stageButton(page, stage);
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current'), POLL).toBe('page');
}

/** The screen whose level-2 heading is `stage` (the Train screen's own Train button is in it). */
export function stageScreen(page: Page, stage: Stage): Locator {
  return page
    .locator('section')
    .filter({ has: page.getByRole('heading', { level: 2, name: stage, exact: true }) });
}

export function trainButton(page: Page): Locator {
  return stageScreen(page, 'Train').getByRole('button', { name: 'Train', exact: true });
}

export function stopButton(page: Page): Locator {
  return stageScreen(page, 'Train').getByRole('button', { name: 'Stop', exact: true });
}

export function progressBar(page: Page): Locator {
  return page.getByRole('progressbar', { name: 'Training progress' });
}

/** Epochs done so far, from the progress bar's aria-valuenow. */
export async function readEpochsDone(page: Page): Promise<number> {
  return Number((await progressBar(page).getAttribute('aria-valuenow')) ?? 'NaN');
}

export async function chooseDataset(page: Page, title: string): Promise<void> {
  await goToStage(page, 'Data');
  const radio = page
    .getByRole('group', { name: 'Built-in datasets' })
    .getByRole('radio', { name: title, exact: true });
  await radio.check();
  await expect.poll(() => radio.isChecked(), POLL).toBe(true);
}

export async function setEpochs(page: Page, epochs: number): Promise<void> {
  await goToStage(page, 'Model');
  // The MLP's own training settings (other panels of the Model screen have epochs too).
  const field = page
    .getByRole('group', { name: 'Training' })
    .getByRole('spinbutton', { name: 'Epochs', exact: true });
  await field.fill(String(epochs));
  await field.blur();
  await expect.poll(() => field.inputValue(), POLL).toBe(String(epochs));
}

/**
 * Sets up a run that lasts well over a minute on any backend: digits with a wide first layer
 * (too big for the small-network engine) and many epochs, for specs that act during training.
 */
export async function setUpLongRun(page: Page): Promise<void> {
  await chooseDataset(page, 'Handwritten digits 8x8 (UCI optical recognition)');
  await goToStage(page, 'Model');
  const units = page.getByRole('spinbutton', { name: 'Units in layer 1', exact: true });
  await units.fill('256');
  await units.blur();
  await expect.poll(() => units.inputValue(), POLL).toBe('256');
  await setEpochs(page, 1000);
}

/**
 * Goes to Train, clicks Train and waits until the run has started: Stop is enabled, or a
 * short run has already ended (so a fast backend cannot slip between two polls).
 */
export async function startTraining(page: Page): Promise<void> {
  await goToStage(page, 'Train');
  await trainButton(page).click();
  const hasStarted = async (): Promise<boolean> =>
    (await stopButton(page).isEnabled()) ||
    (await page
      .getByRole('status')
      .filter({ hasText: /Training (finished|stopped)/ })
      .count()) > 0;
  await expect.poll(hasStarted, POLL).toBe(true);
}

/** The `status` message that closes a run: "Training finished after N epochs" or "stopped". */
export function endOfRunStatus(page: Page, outcome: 'finished' | 'stopped'): Locator {
  return page.getByRole('status').filter({ hasText: `Training ${outcome}` });
}

export async function waitForTrainingEnd(
  page: Page,
  outcome: 'finished' | 'stopped',
  timeout = TRAINING_TIMEOUT_MS,
): Promise<string> {
  const status = endOfRunStatus(page, outcome);
  await status.first().waitFor({ timeout });
  return (await status.first().textContent()) ?? '';
}

/** A table found by its caption (its accessible name). */
export function tableByCaption(page: Page, caption: string | RegExp): Locator {
  return page.getByRole('table', { name: caption });
}

function parseNumber(text: string | null): number {
  const digits = (text ?? '').replace(/[,\s\u00a0]/g, '');
  const value = digits === '' ? NaN : Number(digits);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${JSON.stringify(text)}`);
  return value;
}

/** The value cell of the row whose row header is `header`, e.g. "Accuracy". */
export async function readRowValue(table: Locator, header: string): Promise<number> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  return parseNumber(await row.getByRole('cell').first().textContent());
}

/** The `<td>`s of every row that has a row header, as numbers (a confusion matrix's counts). */
export async function readCellNumbers(table: Locator): Promise<number[]> {
  const bodyRows = table.getByRole('row').filter({ has: table.page().getByRole('rowheader') });
  return (await bodyRows.locator('td').allTextContents()).map(parseNumber);
}

/** The number under column `column` in the row headed `rowHeader` (header row first). */
export async function readTableCell(
  table: Locator,
  rowHeader: string,
  column: string,
): Promise<number> {
  const rows = table.getByRole('row');
  const headers = (await rows.first().locator('th, td').allTextContents()).map((t) => t.trim());
  const index = headers.indexOf(column);
  if (index < 0) throw new Error(`no column ${column} in ${JSON.stringify(headers)}`);
  const row = rows.filter({
    has: table.page().getByRole('rowheader', { name: rowHeader, exact: true }),
  });
  const cells = await row.first().locator('th, td').allTextContents();
  return parseNumber(cells[index] ?? null);
}

/**
 * The accessible name of an element, read from Chromium's accessibility tree. The first line
 * of an aria snapshot is `- role "name"`, YAML-quoted as a whole when it holds a colon.
 */
export async function accessibleName(locator: Locator): Promise<string> {
  let line = (await locator.ariaSnapshot()).split('\n')[0]?.replace(/^- /, '') ?? '';
  if (line.startsWith("'")) {
    let end = 1;
    while (end < line.length && !(line[end] === "'" && line[end + 1] !== "'")) {
      end += line[end] === "'" ? 2 : 1;
    }
    line = line.slice(1, end).replace(/''/g, "'");
  }
  const match = /^[\w-]+ "((?:[^"\\]|\\.)*)"/.exec(line);
  return match?.[1] === undefined ? '' : (JSON.parse(`"${match[1]}"`) as string);
}

/** The backend badge's name, e.g. "Backend: WebGL — WebGPU skipped: ...". */
export async function readBackendBadge(page: Page): Promise<string> {
  const badge = page.getByRole('status', { name: /^Backend:/ });
  await badge.waitFor({ timeout: UI_TIMEOUT_MS });
  return accessibleName(badge);
}
