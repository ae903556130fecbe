/**
 * The decision map of a finished network on two inputs, drawn for a model that was not trained
 * here (opened from a share link or a project file): the prediction worker redraws the run's
 * split from its dataset, settings and seed, replays the fitted recipe and runs the network over
 * a grid. The answer is the live views' own `DecisionBoundaryView`, so the same chart draws it.
 */
import type { ErrorParams } from './errors';
import type { DecisionBoundaryView } from './live-views';
import type { PredictableModel, PredictDataset } from './predict';
import type { FailureCode, TrainRequest } from './training';

export interface TrainedMapRequest {
  model: PredictableModel;
  dataset: PredictDataset;
  split: TrainRequest['split'];
  splitStrategy?: TrainRequest['splitStrategy'];
  seed: number;
}

export type TrainedMapResult =
  | { ok: true; view: DecisionBoundaryView }
  | {
      ok: false;
      code: `predict.error.${string}` | `share.map.error.${string}` | FailureCode;
      params?: ErrorParams;
    };
