import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zhCN } from '../../../src/i18n/zh-CN';
import { hasTranslation, translate } from '../../../src/i18n';
import { LOCALES } from '../../../src/i18n/locales';
import type { ErrorCode } from '../../../src/contracts/errors';
import type { DatasetTask } from '../../../src/contracts/datasets';
import { BACKEND_ORDER, type BackendSkipReason } from '../../../src/contracts/training';
import { ACTIVATIONS, OPTIMIZERS, type FieldProblem } from '../../../src/core/mlp-config';

// Records typed by the unions: adding a member to a union without listing it here fails tsc.
const ERROR_CODES: Record<ErrorCode, true> = {
  'error.dataset.fetchFailed': true,
  'error.dataset.parseFailed': true,
  'error.dataset.empty': true,
  'error.dataset.targetMissing': true,
  'error.dataset.tooFewRows': true,
  'error.dataset.singleClass': true,
  'error.dataset.noFeatures': true,
  'error.dataset.notStored': true,
  'error.training.nanLoss': true,
  'error.training.backendFailed': true,
  'error.training.workerCrashed': true,
  'error.config.invalid': true,
  'error.transfer.sourceMissing': true,
  'error.transfer.mismatch': true,
  'error.transfer.depth': true,
  'error.transfer.frozenLayer': true,
};
const SKIP_REASONS: Record<BackendSkipReason, true> = {
  notSupported: true,
  initFailed: true,
  notForced: true,
  missingKernels: true,
  softwareRenderer: true,
  deviceLost: true,
};
const TASKS: Record<DatasetTask, true> = {
  classification: true,
  regression: true,
  'image-classification': true,
  timeseries: true,
  'text-generation': true,
};
const PROBLEM_KEYS: Record<FieldProblem['key'], true> = {
  range: true,
  integer: true,
  tooManyLayers: true,
  unknownOption: true,
};

/** Flattens a nested catalogue into dotted keys and their strings. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

const flatEn = flatten(en);
const flatZh = flatten(zhCN);

describe('i18n catalogues', () => {
  it('have exactly the same keys', () => {
    expect([...flatZh.keys()].sort()).toEqual([...flatEn.keys()].sort());
  });

  it('have no empty strings', () => {
    for (const [key, value] of [...flatEn, ...flatZh]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('interpolate the same parameters in both languages', () => {
    for (const [key, value] of flatEn) {
      expect(placeholders(flatZh.get(key) ?? ''), key).toEqual(placeholders(value));
    }
  });

  const required = [
    ...Object.keys(ERROR_CODES),
    ...Object.keys(SKIP_REASONS).map((r) => `backend.reason.${r}`),
    ...BACKEND_ORDER.map((name) => `backend.name.${name}`),
    ...Object.keys(TASKS).map((task) => `task.${task}`),
    ...Object.keys(PROBLEM_KEYS).map((key) => `model.invalid.${key}`),
    ...ACTIVATIONS.map((a) => `model.activations.${a}`),
    ...OPTIMIZERS.map((o) => `model.optimizers.${o}`),
  ];

  it.each(LOCALES)('has every error code, backend and option in %s', (locale) => {
    for (const key of required) {
      expect(hasTranslation(locale, key), `${locale}: ${key}`).toBe(true);
    }
  });

  it('interpolates and pluralises through i18next', () => {
    expect(translate('en', 'train.finished.completed', { count: 1, metric: 'm', value: 'v' })).toBe(
      'Training finished after 1 epoch — m v',
    );
    expect(translate('en', 'train.finished.stopped', { count: 3, metric: 'm', value: 'v' })).toBe(
      'Training stopped after 3 epochs — m v',
    );
    expect(
      translate('zh-CN', 'train.finished.completed', { count: 1, metric: 'm', value: 'v' }),
    ).toBe('训练完成，共 1 轮 — m v');
  });
});
