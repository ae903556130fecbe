/**
 * A finished run's test split drawn again, from the same split settings and seed as training
 * drew it, so a test row's index names the same row the Evaluate screen scored. Shared by the
 * occlusion map (one test image) and the confusion matrix's cell list (raw values of rows).
 */
import type { ErrorParams } from '../contracts/errors';
import type { PredictDataset, TestExamplesRequest } from '../contracts/predict';
import type { FailureCode } from '../contracts/training';
import type { Frame } from '../core/frame';
import { DEFAULT_SPLIT_STRATEGY, splitFrame } from './prepare-recipe';

export type TestSplitSource = Pick<TestExamplesRequest, 'split' | 'splitStrategy' | 'seed'> & {
  dataset: PredictDataset;
};

export type TestSplit =
  | {
      ok: true;
      /** The rows kept (a missing target drops a row), as split and recipe saw them. */
      used: Frame;
      /** Row numbers of `used` in the test split, in the order the run scored them. */
      test: number[];
    }
  | { ok: false; code: FailureCode; params?: ErrorParams };

export function drawTestSplit(frame: Frame, source: TestSplitSource): TestSplit {
  const split = splitFrame(
    frame,
    source.dataset,
    source.split,
    source.splitStrategy ?? DEFAULT_SPLIT_STRATEGY,
    source.seed,
  );
  if (!split.ok) {
    return split.params === undefined
      ? { ok: false, code: split.code }
      : { ok: false, code: split.code, params: split.params };
  }
  return { ok: true, used: split.used, test: split.parts.test };
}
