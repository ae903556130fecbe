/**
 * Switching to 简体中文 relabels the UI, survives a reload (stored in localStorage) and can be
 * switched back. The Chinese labels come from the zh-CN catalogue itself, so the test follows
 * the translators rather than a copy of their words.
 */
import { afterEach, expect, test } from 'vitest';
import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import { UI_TIMEOUT_MS, openApp, stageButton, type AppSession } from './app';

type Catalogue = { readonly [key: string]: string | Catalogue };

function entries(catalogue: Catalogue, prefix = ''): [string, string][] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value]] : entries(value, `${prefix}${key}.`),
  );
}

/** The zh-CN text for an English label, preferring keys of the navigation or stages. */
function chineseFor(english: string): string {
  const zh = new Map(entries(zhCN as Catalogue));
  const keys = entries(en as Catalogue)
    .filter(([, value]) => value === english)
    .map(([key]) => key)
    .sort((a, b) => Number(/nav|stage/i.test(b)) - Number(/nav|stage/i.test(a)));
  const text = keys.map((key) => zh.get(key)).find((value) => value !== undefined);
  if (text === undefined) throw new Error(`no zh-CN text for the English label "${english}"`);
  return text;
}

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('the language can be switched to 简体中文, persists across a reload, and switched back', async () => {
  const dataZh = chineseFor('Data');
  const stagesZh = chineseFor('Stages');
  const languageZh = chineseFor('Language');
  expect(dataZh).not.toBe('Data');

  app = await openApp();
  const { page } = app;
  const poll = { timeout: UI_TIMEOUT_MS, interval: 100 } as const;

  await page.getByRole('combobox', { name: 'Language' }).selectOption({ label: '简体中文' });
  await expect.poll(() => stageButton(page, dataZh, stagesZh).isVisible(), poll).toBe(true);
  expect(await stageButton(page, 'Data', stagesZh).count()).toBe(0);

  await page.reload();
  await expect.poll(() => stageButton(page, dataZh, stagesZh).isVisible(), poll).toBe(true);
  const select = page.getByRole('combobox', { name: languageZh });
  expect(await select.inputValue()).toBe('zh-CN');

  await select.selectOption({ label: 'English' });
  await expect.poll(() => stageButton(page, 'Data').isVisible(), poll).toBe(true);
  expect(await page.evaluate(() => localStorage.getItem('fitlab.locale'))).toBe('en');
});
