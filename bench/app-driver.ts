/**
 * Drives the built app in headless Chromium outside the test runner, for scripts that measure
 * it as a person uses it (bench/presets.ts, bench/backend-repro.ts): build and serve it, open
 * it in a fresh profile, find elements by role and accessible name as tests/e2e/app.ts does,
 * and read the run history the app stores in IndexedDB (tests/e2e/run-history.ts).
 * tests/e2e/app.ts needs vitest's `expect` and `inject`, so the few helpers a script needs are
 * written here without them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { launchBrowser, type BrowserSession } from '../tests/e2e/browser';
import { startStaticServer, type StaticServer } from '../tests/e2e/static-server';

export const ROOT = path.resolve(import.meta.dirname ?? '.', '..');
export const UI_TIMEOUT_MS = 30_000;

/** `--name=value` from the command line, or undefined. */
export function flagValue(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length);
}

/**
 * Builds the app into its own folder (so a parallel `npm run bench` or e2e build keeps its own)
 * unless --skip-build, then serves it under `/fitlab/` as the e2e suite does.
 */
export async function buildAndServe(defaultFolder: string): Promise<StaticServer> {
  const dist = path.resolve(flagValue('dist') ?? path.join(os.tmpdir(), defaultFolder));
  if (!process.argv.includes('--skip-build')) {
    process.stdout.write(`building the app into ${dist} …\n`);
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--logLevel',
        'warn',
        '--outDir',
        dist,
        '--emptyOutDir',
      ],
      { cwd: ROOT, stdio: 'inherit' },
    );
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`${dist}/index.html is missing: run without --skip-build`);
  }
  return startStaticServer(dist, '/fitlab/');
}

export interface AppPage {
  readonly page: Page;
  readonly session: BrowserSession;
}

/** A fresh browser on the app in English, e.g. with `?backend=cpu`. */
export async function openApp(baseUrl: string, query: string, webgpu = false): Promise<AppPage> {
  const session = await launchBrowser({ webgpu });
  const { page } = session;
  try {
    await page.addInitScript(() => {
      if (localStorage.getItem('fitlab.locale') === null) {
        localStorage.setItem('fitlab.locale', 'en');
      }
    });
    await page.goto(baseUrl + query);
    await page
      .getByRole('heading', { level: 1, name: 'Fitlab' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
  } catch (error) {
    await session.close();
    throw error;
  }
  return { page, session };
}

/** Polls `check` every 100 ms until it holds; throws naming `what` after `timeout`. */
export async function until(
  check: () => Promise<boolean>,
  what: string,
  timeout = UI_TIMEOUT_MS,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function stageScreen(page: Page, stage: string): Locator {
  return page
    .locator('section')
    .filter({ has: page.getByRole('heading', { level: 2, name: stage, exact: true }) });
}

export async function goToStage(page: Page, stage: string): Promise<void> {
  const button = page
    .getByRole('navigation', { name: 'Stages', exact: true })
    .getByRole('button', { name: stage, exact: true });
  await button.click();
  await until(async () => (await button.getAttribute('aria-current')) === 'page', stage);
}

export async function chooseDataset(page: Page, title: string): Promise<void> {
  await goToStage(page, 'Data');
  const radio = page
    .getByRole('group', { name: 'Built-in datasets' })
    .getByRole('radio', { name: title, exact: true });
  await radio.check();
  await until(() => radio.isChecked(), `dataset ${title}`);
}

/** Fills a spin button found by name inside `scope` and waits until the field holds it. */
export async function setNumber(scope: Locator, name: string, value: number): Promise<void> {
  const field = scope.getByRole('spinbutton', { name, exact: true });
  await field.fill(String(value));
  await field.blur();
  await until(async () => (await field.inputValue()) === String(value), name);
}

/** The backend badge's accessible name, e.g. "Backend: CPU (forced)". */
export async function readBackendBadge(page: Page): Promise<string> {
  const badge = page.getByRole('status', { name: /^Backend:/ }).first();
  if ((await badge.count()) === 0) return '';
  return (await badge.getAttribute('aria-label')) ?? '';
}

export function parseNumber(text: string | null): number {
  const digits = (text ?? '').replace(/[,\s\u00a0]/g, '');
  return digits === '' ? Number.NaN : Number(digits);
}

/** The first value cell of the row headed `header` in `table`. */
export async function readRowValue(table: Locator, header: string): Promise<number> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  return parseNumber(await row.getByRole('cell').first().textContent());
}

/** Every value cell of the row headed `header` in `table`, as numbers. */
export async function readRowValues(table: Locator, header: string): Promise<number[]> {
  const row = table
    .getByRole('row')
    .filter({ has: table.page().getByRole('rowheader', { name: header, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map(parseNumber);
}
