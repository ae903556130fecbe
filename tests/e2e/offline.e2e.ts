/**
 * Offline after the first visit: the production build registers a service worker that
 * precaches the shell, the workers and the shipped datasets; with the network cut, a reload
 * still shows the app, still cross-origin isolated, and the iris dataset still loads.
 */
import { afterEach, expect, test } from 'vitest';
import { openApp, UI_TIMEOUT_MS, type AppSession } from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

test('the app is installable and reloads with the network off', async () => {
  app = await openApp({ query: '?backend=cpu' });
  const { page, browser } = app;

  const manifest = await page.evaluate(async () => {
    const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
    if (!link) return null;
    return (await (await fetch(link.href)).json()) as { name: string; icons: { src: string }[] };
  });
  expect(manifest?.name).toMatch(/Fitlab/);
  expect(manifest?.icons.length).toBeGreaterThanOrEqual(2);

  // The first visit installs the worker and precaches; `ready` resolves once it is active.
  // Bounded: a build without the worker would otherwise wait on `ready` forever.
  const scope = await page.evaluate(async (timeout) => {
    const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeout));
    const registration = await Promise.race([navigator.serviceWorker.ready, late]);
    return registration?.scope ?? 'no service worker registered';
  }, UI_TIMEOUT_MS);
  expect(scope).toMatch(/\/fitlab\/$/);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, {
    timeout: UI_TIMEOUT_MS,
  });

  await browser.context.setOffline(true);
  try {
    await page.reload();
    await page
      .getByRole('heading', { level: 1, name: 'Fitlab' })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const iris = await page.evaluate(async () => (await fetch('datasets/iris.csv')).text());
    expect(iris.split('\n').length).toBeGreaterThan(150);
    console.log('[offline] reloaded with the network off: shell, isolation and iris from cache');
  } finally {
    await browser.context.setOffline(false);
  }
});
