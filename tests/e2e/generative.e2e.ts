/**
 * Generative models as a person uses them, on the CPU backend: a VAE on the 8 × 8 digits shows
 * its latent scatter of the test set (found by its accessible name), a grid decoded from the
 * latent plane and a result table; a GAN on two moons plots both losses. Figures and training
 * times are logged for the closing note.
 */
import { afterEach, describe, expect, test } from 'vitest';
import type { Locator } from 'playwright-core';
import { hasTranslation } from '../../src/i18n';
import {
  chooseDataset,
  goToStage,
  openApp,
  readRowValue,
  tableByCaption,
  TRAINING_TIMEOUT_MS,
  UI_TIMEOUT_MS,
  type AppSession,
} from './app';

let app: AppSession | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function setField(panel: Locator, name: string, value: number): Promise<void> {
  const field = panel.getByRole('spinbutton', { name, exact: true });
  await field.fill(String(value));
  await field.blur();
  await expect.poll(() => field.inputValue()).toBe(String(value));
}

describe.skipIf(!hasTranslation('en', 'generative.heading'))('Generative models', () => {
  test('digits: a VAE shows its latent scatter and decoded grid; a 2-D GAN both losses', async () => {
    app = await openApp({ query: '?backend=cpu' });
    const { page } = app;
    await chooseDataset(page, 'Handwritten digits 8x8 (UCI optical recognition)');
    await goToStage(page, 'Train');
    const panel = page.getByRole('region', { name: 'Generative models' });
    await panel.waitFor({ timeout: UI_TIMEOUT_MS });

    await panel.getByRole('radio', { name: 'Variational autoencoder (VAE)' }).check();
    await setField(panel, 'Epochs', 5);
    let startedAt = Date.now();
    await panel.getByRole('button', { name: 'Train generative model' }).click();
    const result = tableByCaption(page, 'Result of the run');
    await result.waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const vaeSeconds = (Date.now() - startedAt) / 1000;

    const scatter = panel.getByRole('img', { name: /^Latent space of the test set: scatter of / });
    const scatterName = (await scatter.getAttribute('aria-label')) ?? '';
    const points = Number(/scatter of ([\d,]+) points/.exec(scatterName)?.[1]?.replace(/,/g, ''));
    expect(points).toBeGreaterThan(200);
    expect(await scatter.locator('circle').count()).toBeGreaterThan(200);
    await panel
      .getByRole('img', { name: /^Decoded from the latent plane .*: 64 images of 8 × 8 pixels/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    await panel
      .getByRole('img', { name: /^KL divergence: line chart over 5 epochs/ })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    // The grids are drawn, not blank: dark ink and light ground both appear on the canvas.
    const grid = panel.getByRole('img', { name: /^Reconstructions: 16 images of 8 × 8 pixels/ });
    const greyRange = await grid.evaluate((element) => {
      const canvas = element.querySelector('canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      let low = 255;
      let high = 0;
      for (let i = 0; pixels && i < pixels.length; i += 4) {
        low = Math.min(low, pixels[i] ?? 255);
        high = Math.max(high, pixels[i] ?? 0);
      }
      return high - low;
    });
    expect(greyRange).toBeGreaterThan(100);
    const mse = await readRowValue(result, 'Test reconstruction MSE');
    const baseline = await readRowValue(result, 'Test MSE of the mean training row');
    expect(mse).toBeLessThan(baseline);
    console.log(
      `VAE digits (cpu, 5 epochs): test MSE ${mse} vs mean image ${baseline}, ${vaeSeconds.toFixed(1)} s`,
    );

    await panel.getByRole('radio', { name: 'GAN on a 2-D distribution' }).check();
    await setField(panel, 'Epochs', 40);
    startedAt = Date.now();
    await panel.getByRole('button', { name: 'Train generative model' }).click();
    await panel
      .getByRole('img', { name: /^Generator and discriminator losses: line chart over 40 epochs/ })
      .waitFor({ timeout: TRAINING_TIMEOUT_MS });
    await result.waitFor({ timeout: TRAINING_TIMEOUT_MS });
    const ganSeconds = (Date.now() - startedAt) / 1000;
    await panel
      .getByRole('img', {
        name: /^Generated points over the target: scatter of 800 points; Target: 400, Generated: 400$/,
      })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    const gap = await readRowValue(result, 'Distance between generated and target means');
    console.log(`GAN two moons (cpu, 40 epochs): mean gap ${gap}, ${ganSeconds.toFixed(1)} s`);
    // A short run only has to train; the unit tests check the samples approach the target.
    expect(Number.isFinite(gap)).toBe(true);
  });
});
