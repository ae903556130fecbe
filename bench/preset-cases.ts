/**
 * Every preset of issue 5 as a person trains it in the app: which dataset, which screen, which
 * figure the app shows for it and the trivial baseline beside it. Each case starts in a fresh
 * browser at `?backend=cpu`, keeps the app's default settings unless `settings` says otherwise,
 * and times the run from the click on its Train button until its result is on screen.
 */
import type { Locator, Page } from 'playwright-core';
import {
  chooseDataset,
  goToStage,
  readRowValue,
  readRowValues,
  setNumber,
  stageScreen,
  until,
  UI_TIMEOUT_MS,
} from './app-driver';

/** Long enough for the slowest preset at its defaults on a loaded 2-core machine. */
const RUN_TIMEOUT_MS = 30 * 60_000;

export interface CaseFigures {
  metric: string;
  value: number;
  baselineName: string;
  baseline: number | null;
  epochs: number;
  trainSeconds: number;
  note?: string;
}

export interface PresetCase {
  id: string;
  preset: string;
  dataset: string;
  /** 'app defaults' or what the case changed. */
  settings: string;
  run(page: Page): Promise<CaseFigures>;
}

/** Optional overrides for the slowest presets, whose defaults take many minutes on a CPU. */
export interface TextOverrides {
  characters?: number;
  epochs?: number;
  /** Epochs of the CNN preset on the 28 × 28 sets (mnist, fashion_mnist). */
  cnnEpochs?: number;
}

const TITLES: Record<string, string> = {
  iris: 'Iris flowers (Fisher/Anderson)',
  breast_cancer: 'Breast cancer Wisconsin (diagnostic)',
  diabetes: 'Diabetes progression (Efron et al.)',
  digits: 'Handwritten digits 8x8 (UCI optical recognition)',
  mnist: 'MNIST handwritten digits, 1,000-image subset',
  fashion_mnist: 'Fashion-MNIST subset (1,000 of 70,000 images)',
  air_passengers: 'International airline passengers 1949-1960',
  seattle_weather: 'Seattle daily weather 2012-2015',
  fortunes: 'Fortune cookies, quotations and riddles (BSD fortune)',
  english_words: 'English word list (SCOWL, American)',
};

function title(dataset: string): string {
  const found = TITLES[dataset];
  if (!found) throw new Error(`no title for ${dataset}`);
  return found;
}

/** Waits for `end`; a failed run shows an alert instead, whose text becomes the error. */
async function untilEndOrAlert(page: Page, end: Locator): Promise<void> {
  const alerts = page.getByRole('alert');
  await until(
    async () => (await end.count()) > 0 || (await alerts.count()) > 0,
    'the end of training',
    RUN_TIMEOUT_MS,
  );
  if ((await end.count()) === 0) {
    throw new Error(`training failed: ${(await alerts.allTextContents()).join(' | ')}`);
  }
}

async function timed(start: () => Promise<void>, done: () => Promise<void>): Promise<number> {
  const startedAt = Date.now();
  await start();
  await done();
  return (Date.now() - startedAt) / 1000;
}

// ---------------------------------------------------------------- layer-builder presets

interface NetworkOptions {
  preset: string;
  penalties?: { l1: number; l2: number };
  epochs?: number;
}

/** Share of the majority class among the test rows, from the test confusion matrix. */
async function majorityShare(page: Page): Promise<number> {
  const matrix = page.getByRole('table', { name: 'Confusion matrix (test set)' });
  const rows = matrix.getByRole('row').filter({ has: page.getByRole('rowheader') });
  const totals: number[] = [];
  for (const row of await rows.all()) {
    const cells = (await row.locator('td').allTextContents()).map((t) =>
      Number(t.replace(/[,\s\u00a0]/g, '')),
    );
    totals.push(cells.reduce((sum, n) => sum + (Number.isFinite(n) ? n : 0), 0));
  }
  const all = totals.reduce((a, b) => a + b, 0);
  return all > 0 ? Math.max(...totals) / all : Number.NaN;
}

async function trainNetwork(page: Page, dataset: string, options: NetworkOptions) {
  await chooseDataset(page, title(dataset));
  await goToStage(page, 'Model');
  const screen = stageScreen(page, 'Model');
  await screen
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const button = screen
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: options.preset, exact: true });
  await button.click();
  await until(async () => (await button.getAttribute('aria-pressed')) === 'true', 'preset');
  const form = screen.getByRole('group', { name: 'How to train', exact: true });
  if (options.penalties) {
    await setNumber(form, 'L1 penalty', options.penalties.l1);
    await setNumber(form, 'L2 penalty', options.penalties.l2);
  }
  if (options.epochs !== undefined) await setNumber(form, 'Epochs', options.epochs);
  await goToStage(page, 'Train');
  const end = page.getByRole('status').filter({ hasText: /^Training (finished|stopped) after/ });
  const trainSeconds = await timed(
    () => stageScreen(page, 'Train').getByRole('button', { name: 'Train', exact: true }).click(),
    () => untilEndOrAlert(page, end),
  );
  const status = (await end.first().textContent()) ?? '';
  const epochs = Number(/after (\d+) epoch/.exec(status)?.[1]);
  await goToStage(page, 'Evaluate');
  const metrics = page.getByRole('table', { name: 'Test metrics' });
  await metrics.waitFor({ timeout: UI_TIMEOUT_MS });
  return { metrics, epochs, trainSeconds, status };
}

function classifier(
  id: string,
  dataset: string,
  preset: string,
  options: NetworkOptions,
  settings = 'app defaults',
): PresetCase {
  return {
    id,
    preset,
    dataset,
    settings,
    async run(page) {
      const { metrics, epochs, trainSeconds } = await trainNetwork(page, dataset, options);
      return {
        metric: 'test accuracy',
        value: await readRowValue(metrics, 'Accuracy'),
        baselineName: 'majority class',
        baseline: await majorityShare(page),
        epochs,
        trainSeconds,
      };
    },
  };
}

function regressor(
  id: string,
  dataset: string,
  preset: string,
  options: NetworkOptions,
  settings = 'app defaults',
): PresetCase {
  return {
    id,
    preset,
    dataset,
    settings,
    async run(page) {
      const { metrics, epochs, trainSeconds } = await trainNetwork(page, dataset, options);
      return {
        metric: 'test R²',
        value: await readRowValue(metrics, 'R²'),
        // R² is 0 for the test rows' own mean, by its definition.
        baselineName: 'mean predictor',
        baseline: 0,
        epochs,
        trainSeconds,
        note: `test MAE ${await readRowValue(metrics, 'MAE')}`,
      };
    },
  };
}

// ---------------------------------------------------------------- sequence presets

async function sequencePanel(page: Page, dataset: string): Promise<Locator> {
  await goToStage(page, 'Model');
  const panel = page.getByRole('region', { name: 'Sequence models' });
  await panel.waitFor({ timeout: UI_TIMEOUT_MS });
  const select = panel.getByRole('combobox', { name: 'Sequence dataset' });
  const options = await select.locator('option').allTextContents();
  const label = options.find((o) => o.startsWith(title(dataset)));
  if (!label) throw new Error(`no sequence dataset ${dataset} in ${options.join(' | ')}`);
  await select.selectOption({ label });
  return panel;
}

async function trainSequence(page: Page, waitFor: (panel: Locator) => Locator): Promise<number> {
  await goToStage(page, 'Train');
  const panel = page.getByRole('region', { name: 'Sequence models' });
  return timed(
    () => panel.getByRole('button', { name: 'Train sequence model' }).click(),
    () => waitFor(panel).waitFor({ timeout: RUN_TIMEOUT_MS }),
  );
}

function forecaster(dataset: string): PresetCase {
  return {
    id: `forecaster/${dataset}`,
    preset: 'LSTM forecaster',
    dataset,
    settings: 'app defaults',
    async run(page) {
      const setup = await sequencePanel(page, dataset);
      const epochs = Number(
        await setup.getByRole('spinbutton', { name: 'Epochs', exact: true }).inputValue(),
      );
      const trainSeconds = await trainSequence(page, (panel) =>
        panel.getByRole('img', { name: /^Test period of \d+ steps/ }),
      );
      const [model, naive] = await readRowValues(
        page.getByRole('table', { name: 'Test-period errors' }),
        'MAE',
      );
      return {
        metric: 'test MAE',
        value: model ?? Number.NaN,
        baselineName: 'naive last value',
        baseline: naive ?? null,
        epochs,
        trainSeconds,
      };
    },
  };
}

function characterModel(
  dataset: string,
  kind: 'lstm' | 'transformer',
  overrides: TextOverrides,
): PresetCase {
  const changed = [
    overrides.characters === undefined ? '' : `${overrides.characters} characters`,
    overrides.epochs === undefined ? '' : `${overrides.epochs} epochs`,
  ].filter(Boolean);
  return {
    id: `char-${kind}/${dataset}`,
    preset: kind === 'lstm' ? 'Character LSTM' : 'Small Transformer',
    dataset,
    settings: changed.length > 0 ? changed.join(', ') : 'app defaults',
    async run(page) {
      const setup = await sequencePanel(page, dataset);
      if (kind === 'transformer') {
        await setup
          .getByRole('combobox', { name: 'Character model' })
          .selectOption({ label: 'Small Transformer (self-attention)' });
      }
      if (overrides.characters !== undefined) {
        await setNumber(setup, 'Characters of the corpus used', overrides.characters);
      }
      if (overrides.epochs !== undefined) await setNumber(setup, 'Epochs', overrides.epochs);
      const epochs = Number(
        await setup.getByRole('spinbutton', { name: 'Epochs', exact: true }).inputValue(),
      );
      const characters = await setup
        .getByRole('spinbutton', { name: 'Characters of the corpus used', exact: true })
        .inputValue();
      const trainSeconds = await trainSequence(page, () =>
        page.getByRole('table', { name: 'Test-set figures' }),
      );
      const figures = page.getByRole('table', { name: 'Test-set figures' });
      const sample = await page
        .getByRole('region', { name: 'Sequence models' })
        .getByRole('listitem')
        .locator('p')
        .first()
        .textContent();
      return {
        metric: 'test cross-entropy (nats/char)',
        value: await readRowValue(figures, 'Cross-entropy (nats per character)'),
        baselineName: 'uniform guessing',
        baseline: await readRowValue(figures, 'Uniform guessing (log of the vocabulary size)'),
        epochs,
        trainSeconds,
        note: `${characters} characters; sample ${JSON.stringify(sample ?? '')}`,
      };
    },
  };
}

// ---------------------------------------------------------------- generative presets

const GENERATIVE_TASKS = {
  autoencoder: 'Autoencoder',
  vae: 'Variational autoencoder (VAE)',
  gan: 'GAN on the images',
  ganPoints: 'GAN on a 2-D distribution',
} as const;

function generative(task: keyof typeof GENERATIVE_TASKS): PresetCase {
  const label = GENERATIVE_TASKS[task];
  return {
    id: `${task}/${task === 'ganPoints' ? 'moons' : 'digits'}`,
    preset: label,
    dataset: task === 'ganPoints' ? 'two moons (generated, 400 points)' : 'digits',
    settings: 'app defaults',
    async run(page) {
      await chooseDataset(page, title('digits'));
      await goToStage(page, 'Train');
      const panel = page.getByRole('region', { name: 'Generative models' });
      await panel.waitFor({ timeout: UI_TIMEOUT_MS });
      await panel.getByRole('radio', { name: label, exact: true }).check();
      const epochs = Number(
        await panel.getByRole('spinbutton', { name: 'Epochs', exact: true }).inputValue(),
      );
      const result = page.getByRole('table', { name: /^Result of the run/ });
      const trainSeconds = await timed(
        () => panel.getByRole('button', { name: 'Train generative model' }).click(),
        () => result.waitFor({ timeout: RUN_TIMEOUT_MS }),
      );
      const row = (name: string) => readRowValue(result, name);
      if (task === 'autoencoder' || task === 'vae') {
        return {
          metric: 'test reconstruction MSE',
          value: await row('Test reconstruction MSE'),
          baselineName: 'mean training image',
          baseline: await row('Test MSE of the mean training row'),
          epochs,
          trainSeconds,
        };
      }
      if (task === 'ganPoints') {
        return {
          metric: 'distance of generated to target mean',
          value: await row('Distance between generated and target means'),
          baselineName: '—',
          baseline: null,
          epochs,
          trainSeconds,
        };
      }
      const grid = panel.getByRole('img', { name: /^Generator samples: / });
      const ink = /mean ink ([\d.]+)/.exec((await grid.getAttribute('aria-label')) ?? '')?.[1];
      return {
        metric: 'discriminator score on generated images',
        value: await row('Discriminator score on generated rows'),
        baselineName: '—',
        baseline: null,
        epochs,
        trainSeconds,
        note: `score on real images ${await row('Discriminator score on real rows')}; generated mean ink ${ink ?? '?'}`,
      };
    },
  };
}

function cnn28(dataset: string, epochs: number | undefined): PresetCase {
  const options: NetworkOptions = { preset: 'CNN for images' };
  if (epochs === undefined) return classifier(`cnn/${dataset}`, dataset, options.preset, options);
  return classifier(
    `cnn/${dataset}`,
    dataset,
    options.preset,
    { ...options, epochs },
    `${epochs} epochs`,
  );
}

/** Every preset issue 5 names, fastest first so a short run still covers most of them. */
export function presetCases(text: TextOverrides): PresetCase[] {
  return [
    classifier('logistic-l2/iris', 'iris', 'Logistic regression', {
      preset: 'Logistic regression',
    }),
    classifier(
      'logistic-elasticnet/breast_cancer',
      'breast_cancer',
      'Logistic regression',
      { preset: 'Logistic regression', penalties: { l1: 0.001, l2: 0.001 } },
      'elastic net: L1 0.001, L2 0.001',
    ),
    regressor('linear-l2/diabetes', 'diabetes', 'Linear regression', {
      preset: 'Linear regression',
    }),
    regressor(
      'linear-l1/diabetes',
      'diabetes',
      'Linear regression',
      { preset: 'Linear regression', penalties: { l1: 0.01, l2: 0 } },
      'L1 0.01, L2 0 (lasso)',
    ),
    regressor(
      'linear-elasticnet/diabetes',
      'diabetes',
      'Linear regression',
      { preset: 'Linear regression', penalties: { l1: 0.005, l2: 0.005 } },
      'elastic net: L1 0.005, L2 0.005',
    ),
    classifier('mlp/breast_cancer', 'breast_cancer', 'MLP', { preset: 'MLP' }),
    generative('ganPoints'),
    generative('autoencoder'),
    generative('vae'),
    generative('gan'),
    classifier('cnn/digits', 'digits', 'CNN for images', { preset: 'CNN for images' }),
    forecaster('air_passengers'),
    forecaster('seattle_weather'),
    cnn28('mnist', text.cnnEpochs),
    cnn28('fashion_mnist', text.cnnEpochs),
    characterModel('fortunes', 'lstm', text),
    characterModel('fortunes', 'transformer', text),
    characterModel('english_words', 'lstm', text),
    characterModel('english_words', 'transformer', text),
  ];
}
