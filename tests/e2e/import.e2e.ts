/**
 * Importing your own file, as a person would: a CSV with missing values and a column named like
 * HTML goes in through the file picker, shows up in "Your datasets", its profile counts the
 * missing values and shows the HTML name as literal text, it survives a reload (IndexedDB), and
 * Delete with confirmation removes it. A binary file named .csv gets a readable error and
 * leaves the library as it was.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, readTableCell, tableByCaption, UI_TIMEOUT_MS, type AppSession } from './app';

const POLL = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;
const HTML_COLUMN = '<b>x</b>';
// Missing: one `age` (empty), one HTML_COLUMN (NA), two `city` (empty and "?").
const CSV = [
  `name,age,${HTML_COLUMN},city`,
  'alice,30,1.5,Paris',
  'bob,,2.5,',
  'carol,25,NA,Berlin',
  'dave,40,4,?',
  'erin,35,5.5,Paris',
].join('\n');

let dir = '';
let app: AppSession | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'fitlab-import-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

function datasetRows(page: Page) {
  return tableByCaption(page, 'Your datasets').getByRole('rowheader');
}

async function chooseFile(page: Page, path: string): Promise<void> {
  await page.getByLabel('Choose a file to import', { exact: true }).setInputFiles(path);
}

test('a CSV is imported, profiled, kept across a reload and deleted', async () => {
  const path = join(dir, 'people-missing.csv');
  writeFileSync(path, CSV);
  app = await openApp();
  const { page } = app;
  await expect.poll(() => tableByCaption(page, 'Your datasets').isVisible(), POLL).toBe(true);

  expect(await page.getByRole('region', { name: 'Drop a file here' }).count()).toBe(1);
  await chooseFile(page, path);
  const preview = tableByCaption(page, 'Import preview');
  await preview.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await page.getByRole('combobox', { name: 'Delimiter' }).isVisible()).toBe(true);
  await page.getByRole('button', { name: 'Import', exact: true }).click();

  const listed = datasetRows(page).filter({ hasText: 'people-missing' });
  await expect.poll(() => listed.count(), POLL).toBe(1);

  await page.getByRole('button', { name: 'Profile people-missing', exact: true }).click();
  const profile = tableByCaption(page, 'Column profile');
  await profile.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await readTableCell(profile, 'name', 'Missing')).toBe(0);
  expect(await readTableCell(profile, 'age', 'Missing')).toBe(1);
  expect(await readTableCell(profile, 'city', 'Missing')).toBe(2);
  // The HTML column name is a row header with that literal text, and no <b> element exists.
  expect(await readTableCell(profile, HTML_COLUMN, 'Missing')).toBe(1);
  expect(await profile.locator('b').count()).toBe(0);
  expect(await tableByCaption(page, 'Rows').getByRole('cell', { name: 'alice' }).count()).toBe(1);

  await page.reload();
  await expect.poll(() => listed.count(), POLL).toBe(1);

  await page.getByRole('button', { name: 'Rename people-missing', exact: true }).click();
  await page.getByRole('textbox', { name: 'New name for people-missing' }).fill('people');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const renamed = datasetRows(page).filter({ hasText: /^people$/ });
  await expect.poll(() => renamed.count(), POLL).toBe(1);

  await page.getByRole('button', { name: 'Delete people', exact: true }).click();
  await page.getByRole('button', { name: 'Confirm delete', exact: true }).click();
  await expect.poll(() => renamed.count(), POLL).toBe(0);
});

test('a binary file named .csv gets a readable error and leaves the library unchanged', async () => {
  const path = join(dir, 'junk.csv');
  const junk = new Uint8Array(4096);
  for (let i = 0; i < junk.length; i++) junk[i] = (i * 37) % 256;
  writeFileSync(path, junk);
  app = await openApp();
  const { page } = app;
  await expect
    .poll(
      () => tableByCaption(page, 'Your datasets').getByText('No datasets imported yet.').count(),
      POLL,
    )
    .toBe(1);

  await chooseFile(page, path);
  const alert = page.getByRole('alert');
  await alert.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await alert.textContent()).toContain('does not look like a text file');
  expect(await datasetRows(page).count()).toBe(0);
  expect(await tableByCaption(page, 'Import preview').count()).toBe(0);
});

/** Writes `<name>.csv` (a header and `rows` generated lines), imports it and opens its profile. */
async function importAndProfile(
  name: string,
  header: string,
  rows: number,
  line: (i: number) => string,
): Promise<Page> {
  const path = join(dir, `${name}.csv`);
  const lines = [header];
  for (let i = 0; i < rows; i++) lines.push(line(i));
  writeFileSync(path, lines.join('\n'));
  app = await openApp();
  const { page } = app;
  await chooseFile(page, path);
  await tableByCaption(page, 'Import preview').waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByRole('button', { name: `Profile ${name}`, exact: true }).click();
  return page;
}

test('the Rows table renders only the rows in view and pages through the rest', async () => {
  const page = await importAndProfile('long', 'i,square', 5000, (i) => `${i},${i * i}`);

  const rows = tableByCaption(page, 'Rows');
  await rows
    .getByRole('cell', { name: '0', exact: true })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await rows.getAttribute('aria-rowcount')).toBe('5001');
  const rendered = await rows.locator('tbody tr').count();
  expect(rendered).toBeGreaterThan(0);
  expect(rendered).toBeLessThan(100);

  // Scroll the region to row 4000 (row height 28 px); that row's cells arrive from the worker.
  await page
    .getByRole('region', { name: 'Rows' })
    .evaluate((element) => (element.scrollTop = 4000 * 28));
  await expect
    .poll(() => rows.getByRole('cell', { name: '16000000', exact: true }).count(), POLL)
    .toBe(1);
  expect(await rows.locator('tbody tr').count()).toBeLessThan(100);
});

test('the Rows table of a million rows scrolls to its last row', async () => {
  const rows = 1_000_000;
  const page = await importAndProfile('million', 'i,double', rows, (i) => `${i},${2 * i}`);

  const table = tableByCaption(page, 'Rows');
  const region = page.getByRole('region', { name: 'Rows' });
  await table
    .getByRole('cell', { name: '0', exact: true })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await table.getAttribute('aria-rowcount')).toBe(String(rows + 1));
  // A million rows of 28 px are taller than Firefox lets an element be; the spacer stays
  // within the cap and the scroll maps onto the rows.
  const scrollHeight = await region.evaluate((element) => element.scrollHeight);
  expect(scrollHeight).toBeLessThan(rows * 28);

  await region.evaluate((element) => (element.scrollTop = element.scrollHeight));
  const lastRow = table.getByRole('row').filter({
    has: page.getByRole('rowheader', { name: '1000000', exact: true }),
  });
  await expect
    .poll(() => lastRow.getByRole('cell').allTextContents(), POLL)
    .toEqual(['999999', '1999998']);
  // Drawn inside the scrolled view, not somewhere below it.
  const view = (await region.boundingBox())!;
  const box = (await lastRow.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(view.y);
  expect(box.y + box.height).toBeLessThanOrEqual(view.y + view.height + 1);

  // Half way down shows the middle rows.
  await region.evaluate(
    (element) => (element.scrollTop = (element.scrollHeight - element.clientHeight) / 2),
  );
  await expect
    .poll(async () => {
      const headers = await table.getByRole('rowheader').allTextContents();
      return headers.some((text) => Math.abs(Number(text.replace(/,/g, '')) - rows / 2) < 20);
    }, POLL)
    .toBe(true);
});

test('a file dropped on the drop zone is previewed and can be cancelled', async () => {
  app = await openApp();
  const { page } = app;
  const transfer = await page.evaluateHandle(() => {
    const data = new DataTransfer();
    data.items.add(new File(['a;b\n1;2\n3;4\n'], 'dropped.csv', { type: 'text/csv' }));
    return data;
  });
  await page
    .getByRole('region', { name: 'Drop a file here' })
    .dispatchEvent('drop', { dataTransfer: transfer });
  const preview = tableByCaption(page, 'Import preview');
  await preview.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await preview.getByRole('columnheader').allTextContents()).toEqual([
    'a (integer)',
    'b (integer)',
  ]);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect.poll(() => preview.count(), POLL).toBe(0);
});

test('a .txt corpus is imported as text with its word counts and vocabulary', async () => {
  const path = join(dir, 'sayings.txt');
  writeFileSync(
    path,
    'The early bird catches the worm.\nNA\nThe <i>second</i> mouse gets the cheese.\n',
  );
  app = await openApp();
  const { page } = app;
  await chooseFile(page, path);
  await tableByCaption(page, 'Import preview').waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const listed = datasetRows(page).filter({ hasText: 'sayings' });
  await expect.poll(() => listed.count(), POLL).toBe(1);
  expect(await listed.locator('xpath=..').getByRole('cell', { name: 'Text' }).count()).toBe(1);

  await page.getByRole('button', { name: 'Profile sayings', exact: true }).click();
  const words = tableByCaption(page, 'Most frequent words');
  await words.waitFor({ timeout: UI_TIMEOUT_MS });
  expect(await readTableCell(words, 'the', 'Count')).toBe(4);
  // The corpus line holding markup is data: shown as text, never as an <i> element.
  expect(await page.locator('main i').count()).toBe(0);
});
