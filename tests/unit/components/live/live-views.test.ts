import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../../src/state/LocaleState.svelte';
import type { DecisionBoundaryView } from '../../../../src/contracts/live-views';
import DecisionBoundary from '../../../../src/components/train/live/DecisionBoundary.svelte';
import ConvMaps from '../../../../src/components/train/live/ConvMaps.svelte';
import LayerHistograms from '../../../../src/components/train/live/LayerHistograms.svelte';
import LossExplorer from '../../../../src/components/train/live/LossExplorer.svelte';
import { smoothEma } from '../../../../src/components/train/live/ema';
import { boundaryPixels, percentOf } from '../../../../src/components/train/live/boundary-image';
import { channelPixels } from '../../../../src/components/train/live/pixels';

vi.mock('../../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

describe('smoothEma', () => {
  it('is the series itself at smoothing 0 and a debiased average otherwise', () => {
    expect(smoothEma([1, 2, 3], 0)).toEqual([1, 2, 3]);
    const s = smoothEma([1, 3], 0.5);
    expect(s[0]).toBeCloseTo(1);
    // (0.5·0.5·1 + 0.5·3) / (1 − 0.25) = 1.75 / 0.75
    expect(s[1]).toBeCloseTo(1.75 / 0.75);
    expect(smoothEma([2, Number.NaN, 2], 0.9).map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual([
      2,
      'NaN',
      2,
    ]);
  });
});

describe('decision boundary view', () => {
  const view: DecisionBoundaryView = {
    steps: 2,
    classes: 2,
    bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 },
    probabilities: Float32Array.of(1, 0, 0.5, 0.5, 0, 1, 0.25, 0.75),
    train: { xy: Float32Array.of(-0.5, 0.5, 0.5, -0.5), labels: Int32Array.of(0, 1) },
    test: { xy: Float32Array.of(0, 0), labels: Int32Array.of(1) },
    trainCorrect: 47,
    trainTotal: 50,
    testCorrect: 9,
    testTotal: 10,
  };

  it('colours sure cells in their class colour and unsure ones white', () => {
    const px = boundaryPixels(view);
    expect(Array.from(px.slice(4, 8))).toEqual([255, 255, 255, 255]);
    // Class 0 is #0072b2 at 75 %: 255 + (0 − 255)·0.75 ≈ 64.
    expect(px[0]).toBe(64);
    expect(px[8 + 2]).toBeLessThan(255);
  });

  it('names the epoch and the points on the right side', () => {
    const { body } = render(DecisionBoundary, {
      props: { epoch: 12, view, classNames: ['a', 'b'], features: ['x', 'y'] },
    });
    expect(body).toContain(
      'aria-label="Decision boundary after epoch 12: 94 % of training points (47 of 50) and 90 % of test points (9 of 10) on the right side."',
    );
    expect(body.match(/<circle/g)).toHaveLength(3);
  });

  it('never rounds a miss to 100 % or a hit to 0 %', () => {
    expect(percentOf(999, 1000)).toBe(99);
    expect(percentOf(1, 1000)).toBe(1);
    expect(percentOf(0, 0)).toBe(0);
  });

  it('draws weights around zero as mid grey', () => {
    const px = channelPixels(Float32Array.of(-1, 0, 1), 1, 3, 1, 0, true);
    expect([px[0], px[4], px[8]]).toEqual([255, 128, 0]);
  });

  it('names a regression map by its R² and colours points by their target', () => {
    const regression: DecisionBoundaryView = {
      ...view,
      classes: 1,
      probabilities: Float32Array.of(-1, 0, 0, 1),
      train: { ...view.train, values: Float32Array.of(-1, 1) },
      test: { ...view.test, values: Float32Array.of(0) },
      regression: { trainR2: 0.912, testR2: 0.875, min: -1, max: 1 },
    };
    const px = boundaryPixels(regression);
    // Mid-range is white; the ends take the scale's colours.
    expect(Array.from(px.slice(4, 8))).toEqual([255, 255, 255, 255]);
    expect(px[0]).not.toBe(px[12]);
    const { body } = render(DecisionBoundary, {
      props: { epoch: 3, view: regression, classNames: [], features: ['x', 'y'] },
    });
    expect(body).toContain(
      'aria-label="Prediction map after epoch 3: training R² 0.912, test R² 0.875; colours run from -1 to 1."',
    );
    expect(body).toContain('Low (');
  });
});

describe('histograms, CNN maps and the loss detail', () => {
  const h = (name: string, counts: number[]) => ({ layer: 0, name, edges: [-1, 0, 1], counts });

  it('shows the newest epoch’s weights and gradients of the first weight', () => {
    const { body } = render(LayerHistograms, {
      props: {
        snapshots: [
          { epoch: 1, weights: [h('dense/kernel', [1, 5])], gradients: [] },
          {
            epoch: 4,
            weights: [h('dense/kernel', [2, 4])],
            gradients: [h('dense/kernel', [3, 3])],
          },
        ],
      },
    });
    expect(body).toContain(
      'aria-label="Histogram of 6 weights of dense/kernel after epoch 4, from -1 to 1."',
    );
    expect(body).toContain(
      'aria-label="Histogram of 6 gradients of dense/kernel in epoch 4, from -1 to 1."',
    );
    expect(body).toContain('aria-valuetext="Epoch 4"');
  });

  it('offers each sample and layer, and names the feature maps', () => {
    const { body } = render(ConvMaps, {
      props: {
        epoch: 2,
        classNames: ['zero', 'one'],
        view: {
          filters: [
            { layer: 0, size: 1, inChannels: 1, filters: 2, values: Float32Array.of(1, -1) },
          ],
          samples: [0, 1].map((label) => ({
            row: label * 3,
            label,
            input: { height: 2, width: 2, channels: 1, values: new Float32Array(4) },
            maps: [
              {
                layer: 0,
                kind: 'Conv2D',
                height: 2,
                width: 2,
                channels: 2,
                values: new Float32Array(8),
              },
            ],
          })),
        },
      },
    });
    expect(body).toContain('Row 4 (class one)');
    expect(body).toContain('After epoch 2: 2 feature maps of layer 1 (Conv2D), each 2 × 2');
    expect(body).toContain('After epoch 2: 2 filters of 1 × 1');
  });

  it('summarises the loss and draws the learning rate when the run has one', () => {
    const record = (epoch: number) => ({
      epoch,
      trainLoss: 1 / epoch,
      valLoss: 1.2 / epoch,
      trainMetric: 0,
      valMetric: 0,
      learningRate: 0.01,
    });
    const { body } = render(LossExplorer, {
      props: {
        history: [record(1), record(2)],
        batches: [{ x: 0.5, loss: 1.4 }],
        overlays: [],
        canOverlay: true,
        onoverlay: () => undefined,
      },
    });
    expect(body).toContain(
      'aria-label="Loss after epoch 2: training 0.500, validation 0.600; earlier runs overlaid: 0."',
    );
    expect(body).toContain('Learning rate at epoch 2: 0.01.');
    expect(body).toContain('Show earlier runs of this data');
  });
});
