/**
 * Expected failures cross threads as data: an i18n key under `error.` plus parameters that
 * the message interpolates. Unexpected failures are thrown and shown in the error banner.
 */
export type ErrorCode =
  | 'error.dataset.fetchFailed'
  | 'error.dataset.parseFailed'
  | 'error.dataset.empty'
  | 'error.dataset.targetMissing'
  | 'error.dataset.tooFewRows'
  | 'error.dataset.singleClass'
  | 'error.dataset.noFeatures'
  | 'error.dataset.notStored'
  | 'error.training.nanLoss'
  | 'error.training.backendFailed'
  | 'error.training.workerCrashed'
  | 'error.config.invalid'
  | 'error.transfer.sourceMissing'
  | 'error.transfer.mismatch'
  | 'error.transfer.depth'
  | 'error.transfer.frozenLayer';

export type ErrorParams = Record<string, string | number>;

export interface Failure {
  ok: false;
  code: ErrorCode;
  params?: ErrorParams;
}
