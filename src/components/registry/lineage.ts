/**
 * A registered run's lineage as rows of display text (label key, value), built from its
 * stored summary and details in the current language. Values are plain text, never HTML.
 */
import { formatDuration, formatMetric } from '../../core/format';
import type { Locale } from '../../i18n/locales';
import type { RunDetail, RunModel, RunSummary } from '../../state/RunHistory.svelte';
import { MAX_KEPT_WEIGHT_BYTES } from '../../state/task-run-record';
import { formatBytes } from '../data/bytes';
import { runModel, runSplit } from '../compare/run-text';
import { transferRows } from './transfer-lineage';

type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface LineageRow {
  key: string;
  value: string;
}

function valueText(value: unknown): string {
  if (typeof value === 'number') return formatMetric(value, 6).replace(/\.?0+$/, '') || '0';
  if (value === null || value === undefined) return '—';
  return String(value);
}

/** The settings the model trained with, as "name = value" pairs. */
export function hyperParameters(run: RunSummary, t: Translate): string {
  const model = run.model;
  let pairs: [string, unknown][];
  if (model.kind === 'mlp') {
    const c = model.config;
    pairs = [
      ['layers', c.hiddenLayers.join('-') || '0'],
      ['activation', c.activation],
      ['optimizer', c.optimizer],
      ['learningRate', c.learningRate],
      ['batchSize', c.batchSize],
      ['epochs', c.epochs],
    ];
  } else if (model.kind === 'classical') {
    pairs = Object.entries(model.spec.params);
  } else if (model.kind === 'sequence' || model.kind === 'generative') {
    pairs = taskPairs(model);
  } else {
    const training = model.network.training;
    pairs = [
      ['layers', model.network.spec.layers.map((layer) => layer.type).join(' → ')],
      ['loss', training.loss],
      ['optimizer', training.optimizer.name],
      ['learningRate', training.learningRate],
      ['batchSize', training.batchSize],
      ['epochs', training.epochs],
      ['seed', training.seed],
    ];
  }
  return pairs
    .map(([name, value]) => t('compare.details.pair', { name, value: valueText(value) }))
    .join(t('chart.listSeparator'));
}

/** A sequence or generative run's settings, in the order its settings form shows them. */
function taskPairs(
  model: Extract<RunModel, { kind: 'sequence' | 'generative' }>,
): [string, unknown][] {
  if (model.kind === 'generative') {
    const spec = model.spec;
    const pairs: [string, unknown][] = [
      ['kind', spec.kind],
      ['hidden', spec.hidden.join('-')],
      ['latent', spec.latent],
      ['epochs', spec.epochs],
      ['batchSize', spec.batchSize],
      ['learningRate', spec.learningRate],
    ];
    if (spec.kind === 'vae') pairs.push(['beta', spec.beta]);
    if (spec.points) pairs.push(['points', `${spec.points.kind} × ${spec.points.samples}`]);
    pairs.push(['seed', spec.seed]);
    return pairs;
  }
  const spec = model.spec;
  const layers: [string, unknown][] = model.network
    ? [['layers', model.network.spec.layers.map((layer) => layer.type).join(' → ')]]
    : [];
  const own: [string, unknown][] =
    spec.kind === 'forecast'
      ? [
          ['column', spec.column],
          ['multivariate', String(spec.multivariate)],
          ['lookback', spec.lookback],
          ['horizon', spec.horizon],
        ]
      : [
          ['model', spec.model],
          ['context', spec.context],
          ['maxCharacters', spec.maxCharacters],
          ['temperature', spec.temperature],
        ];
  return [
    ...layers,
    ...own,
    ['epochs', spec.epochs],
    ['learningRate', spec.learningRate],
    ['seed', spec.seed],
  ];
}

function recipeText(recipe: string | null, t: Translate): string {
  if (recipe === null) return t('compare.details.recipeDefault');
  try {
    const steps = (JSON.parse(recipe) as { steps?: { type?: unknown }[] }).steps ?? [];
    if (steps.length === 0) return t('compare.details.recipeEmpty');
    return steps.map((step) => String(step.type)).join(' → ');
  } catch {
    return t('compare.details.recipeUnreadable');
  }
}

function weightsBytes(detail: RunDetail | null): number | null {
  const weights = detail?.weights;
  if (!weights) return null;
  if (weights.kind === 'classical') return 2 * weights.savedModel.length;
  const models = weights.kind === 'generative' ? Object.values(weights.parts) : [weights.artifacts];
  let bytes = 0;
  for (const model of models) {
    const data = (model as { weightData?: unknown } | undefined)?.weightData;
    if (!(data instanceof ArrayBuffer)) return null;
    bytes += data.byteLength;
  }
  return bytes;
}

/** Text models predict the next character and generative ones nothing: say so, not ''. */
export function targetText(run: RunSummary, t: Translate): string {
  if (run.model.kind === 'generative') return t('taskRuns.target.generative');
  if (run.model.kind === 'sequence' && run.model.spec.kind === 'text')
    return t('taskRuns.target.text');
  return run.dataset.target;
}

export function lineageRows(
  run: RunSummary,
  detail: RunDetail | null,
  locale: Locale,
  t: Translate,
): LineageRow[] {
  const bytes = weightsBytes(detail);
  const weights = !run.hasWeights
    ? run.weightsSkipped === 'tooLarge'
      ? t('taskRuns.weights.tooLarge', { limit: formatBytes(MAX_KEPT_WEIGHT_BYTES, locale) })
      : run.weightsSkipped === 'notSaved'
        ? t('taskRuns.weights.notSaved')
        : t('compare.details.weightsNone')
    : bytes === null
      ? t('compare.details.weightsKept')
      : t('compare.details.weightsSize', { size: formatBytes(bytes, locale) });
  return [
    { key: 'project', value: run.project?.name ?? t('compare.registry.noProject') },
    { key: 'version', value: t('compare.runs.versionNumber', { version: run.version }) },
    { key: 'dataset', value: `${run.dataset.title} → ${targetText(run, t)}` },
    { key: 'datasetHash', value: run.datasetHash || t('compare.details.hashUnknown') },
    { key: 'recipe', value: recipeText(run.recipe, t) },
    { key: 'model', value: runModel(run, locale, t) },
    ...transferRows(run, detail, t),
    { key: 'hyper', value: hyperParameters(run, t) },
    { key: 'split', value: runSplit(run, t) },
    { key: 'backend', value: t(`backend.name.${run.backend}`) },
    { key: 'duration', value: formatDuration(run.durationMs, locale) },
    { key: 'status', value: t(`compare.runs.${run.status}`) },
    { key: 'weights', value: weights },
    { key: 'size', value: formatBytes(run.sizeBytes, locale) },
  ];
}
