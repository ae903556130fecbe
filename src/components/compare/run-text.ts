/**
 * Display text of a recorded run, built from its data in the current language: its name (or
 * "Run N"), model and split. Ids and numbers are stored; only these functions turn them into words.
 */
import { formatMetric } from '../../core/format';
import { hasTranslation } from '../../i18n';
import type { Locale } from '../../i18n/locales';
import type { RunSummary } from '../../state/RunHistory.svelte';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export function runName(run: RunSummary, t: Translate): string {
  return run.name !== '' ? run.name : t('compare.runs.defaultName', { seq: run.seq });
}

/** A learner's catalogue key in words where the catalogue has them, else the key itself. */
function learnerName(key: string, locale: Locale, t: Translate): string {
  const i18nKey = `classical.learner.${key}.name`;
  return hasTranslation(locale, i18nKey) ? t(i18nKey) : key;
}

export function runModel(run: RunSummary, locale: Locale, t: Translate): string {
  if (run.model.kind === 'classical') {
    return t('compare.runs.classical', { learner: learnerName(run.model.spec.learner, locale, t) });
  }
  if (run.model.kind === 'sequence') {
    const spec = run.model.spec;
    return spec.kind === 'forecast'
      ? t('taskRuns.model.forecast', {
          lookback: spec.lookback,
          horizon: spec.horizon,
          epochs: spec.epochs,
        })
      : t('taskRuns.model.text', {
          model: t(`sequence.model.${spec.model}`),
          context: spec.context,
          epochs: spec.epochs,
        });
  }
  if (run.model.kind === 'generative') {
    const spec = run.model.spec;
    return t('taskRuns.model.generative', {
      task: t(`generative.task.${spec.points ? 'ganPoints' : spec.kind}`),
      hidden: spec.hidden.join('-'),
      latent: spec.latent,
      epochs: spec.epochs,
    });
  }
  if (run.model.kind === 'network') {
    const { spec, training, transfer } = run.model.network;
    const text = t('compare.runs.network', {
      count: spec.layers.length,
      optimizer: training.optimizer.name,
      epochs: training.epochs,
    });
    return transfer ? t('transfer.fineTuned', { model: text, name: transfer.sourceName }) : text;
  }
  const config = run.model.config;
  const common = { optimizer: config.optimizer, epochs: config.epochs };
  return config.hiddenLayers.length === 0
    ? t('compare.runs.linear', common)
    : t('compare.runs.mlp', {
        ...common,
        layers: config.hiddenLayers.join('-'),
        activation: config.activation,
      });
}

export function runSplit(run: RunSummary, t: Translate): string {
  const { kind, groupColumn } = run.splitStrategy;
  const percent = (share: number) => String(Math.round(share * 100));
  return t('compare.runs.splitText', {
    train: percent(run.split.train),
    validation: percent(run.split.validation),
    test: percent(run.split.test),
    strategy: t(`compare.runs.strategy.${kind}`, { column: groupColumn ?? '' }),
    seed: run.seed,
  });
}

/** "v2 · Project 1", or "v2" for runs recorded without a project. */
export function runVersion(run: RunSummary, t: Translate): string {
  const version = t('compare.runs.versionNumber', { version: run.version });
  return run.project
    ? t('compare.runs.versionIn', { version, project: run.project.name })
    : version;
}

export function runHeadline(run: RunSummary, t: Translate): string {
  return t(`compare.runs.headline.${run.headline.key}`, {
    value: formatMetric(run.headline.value),
  });
}
