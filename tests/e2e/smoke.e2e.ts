/**
 * The harness canary: the production build is served under a sub-path, Chromium starts, the
 * shell renders and nothing logs an error. If this fails, read its message before the others.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { appUrl, openApp, type AppSession } from './app';

describe('smoke', () => {
  let app: AppSession | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  test('the build is served under /fitlab/ with the right MIME types', async () => {
    const base = new URL(appUrl());
    expect(base.pathname).toBe('/fitlab/');

    const index = await fetch(base);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);

    const manifest = await fetch(new URL('datasets/manifest.json', base));
    expect(manifest.headers.get('content-type')).toMatch(/^application\/json/);
    const entries = (await manifest.json()) as { id: string }[];
    expect(entries.map((e) => e.id)).toContain('iris');

    const csv = await fetch(new URL('datasets/iris.csv', base));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);

    // Nothing is served from the site root: every URL in the build must be relative.
    expect((await fetch(new URL('/index.html', base))).status).toBe(404);
  });

  test('the app loads with its heading and without console errors', async () => {
    app = await openApp();
    const { page } = app;
    expect(new URL(page.url()).pathname).toBe('/fitlab/');
    expect(await page.title()).toBe('Fitlab');
    // Served with COOP/COEP, so WASM threads are possible where cores allow (nothing else breaks).
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    expect(await page.getByRole('heading', { level: 1, name: 'Fitlab' }).isVisible()).toBe(true);
  });
});
