/**
 * The Explore stage as a person uses it: k-means on the iris training split with its quality
 * table, sizes, scatter and elbow plot; then PCA coloured by species. Everything is found by
 * role and accessible name.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { hasTranslation } from '../../src/i18n';
import {
  chooseDataset,
  openApp,
  readRowValue,
  readTableCell,
  stageButton,
  tableByCaption,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function openExplore(page: Page): Promise<void> {
  const button = stageButton(page, 'Explore');
  await button.click();
  await expect.poll(() => button.getAttribute('aria-current')).toBe('page');
  await page
    .getByRole('heading', { level: 2, name: 'Explore' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

describe.skipIf(!hasTranslation('en', 'stage.explore'))('Explore', () => {
  test('iris: k-means k = 3 is scored, sized, drawn and has an elbow; PCA by species', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    await chooseDataset(page, 'Iris flowers (Fisher/Anderson)');
    await openExplore(page);

    await page.getByRole('combobox', { name: 'Method' }).selectOption('kmeans');
    const k = page.getByRole('spinbutton', { name: 'Clusters (k)', exact: true });
    await k.fill('3');
    await k.blur();
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const quality = tableByCaption(page, 'Cluster quality');
    await quality.waitFor({ timeout: UI_TIMEOUT_MS });
    const silhouette = await readRowValue(quality, 'Silhouette');
    expect(silhouette).toBeGreaterThan(0.3);
    expect(silhouette).toBeLessThan(1);
    expect(await readRowValue(quality, 'Clusters found')).toBe(3);

    const sizes = tableByCaption(page, 'Cluster sizes');
    let total = 0;
    for (const cluster of ['Cluster 1', 'Cluster 2', 'Cluster 3']) {
      total += await readTableCell(sizes, cluster, 'Rows');
    }
    expect(total).toBe(90);

    await page
      .getByRole('img', { name: /^k-means · PCA scatter plot of 90 points coloured by Cluster: / })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await page
      .getByRole('img', { name: /^Elbow plot: inertia falls from .+ at k = 1 to .+ at k = 10$/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });

    await page.getByRole('combobox', { name: 'Method' }).selectOption('pca');
    expect(await page.getByRole('radio', { name: 'Target' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page
      .getByRole('img', {
        name: 'PCA scatter plot of 90 points coloured by Target: setosa (30), versicolor (30), virginica (30)',
      })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await tableByCaption(page, 'Cluster quality').count()).toBe(0);
  });
});
