/**
 * The decision map of a trained 2-D network that arrived in a share link or project file: the
 * recipient never trained it, so no live view exists; the prediction worker draws it (dataset
 * split again from the shared settings and seed, the fitted recipe replayed, the network run
 * over a grid). Computed once per opened run and kept for later visits of the screen.
 *
 * Invariants: a map belongs to the run it was asked for (a later request wins); the map is only
 * asked for while the project's settings are still those the run came with, so the points and
 * the grid are always the shared model's own data.
 */
import { PredictClient } from '../../bridge/predict-client';
import type { BuiltinDatasetEntry } from '../../contracts/datasets';
import type { ErrorParams } from '../../contracts/errors';
import type { DecisionBoundaryView } from '../../contracts/live-views';
import type { TrainedMapRequest, TrainedMapResult } from '../../contracts/trained-map';
import { predictableOf } from '../Prediction.svelte';
import type { Project } from '../Project.svelte';
import { settingsKey } from '../project-snapshot';
import { openedRunKey } from './opened-runs';
import { buildTrainRequest } from '../train-request';
import type { FinishedRun } from '../TrainingRun.svelte';

/** What the map needs from the prediction worker; tests pass a fake. */
export interface TrainedMapPort {
  trainedMap(request: TrainedMapRequest): Promise<TrainedMapResult>;
  dispose(): void;
}

/** Maps already drawn, so coming back to the screen does not draw them again. */
const drawn = new WeakMap<FinishedRun, DecisionBoundaryView>();

/** A network on exactly two inputs can be drawn as a map. */
export function isMappable(run: FinishedRun): boolean {
  return run.trainedModel !== undefined && run.prediction?.features.length === 2;
}

/**
 * The worker request for an opened run's map, or null: a run trained here (its live view is on
 * the Train screen), one that is not a 2-D network, or settings changed since it was opened.
 */
export function mapRequestOf(
  run: FinishedRun,
  project: Project,
  entry: BuiltinDatasetEntry | undefined,
  url: string,
): TrainedMapRequest | null {
  const key = openedRunKey(run);
  if (key === undefined || !entry || !isMappable(run)) return null;
  if (settingsKey(project.snapshot(entry)) !== key) return null;
  const model = predictableOf(run, $state.snapshot(project.model));
  if (!model) return null;
  const request = buildTrainRequest(entry, url, project);
  const out: TrainedMapRequest = {
    model,
    dataset: request.dataset,
    split: request.split,
    seed: request.model.seed,
  };
  if (request.splitStrategy) out.splitStrategy = request.splitStrategy;
  return out;
}

export type TrainedMapStatus = 'idle' | 'drawing' | 'ready' | 'failed';

export class TrainedMap {
  #view = $state.raw<DecisionBoundaryView | null>(null);
  #status = $state<TrainedMapStatus>('idle');
  #problem = $state.raw<{ code: string; params?: ErrorParams } | null>(null);
  #current: FinishedRun | null = null;
  #port: TrainedMapPort | null = null;
  readonly #createPort: () => TrainedMapPort;
  readonly #onUnexpected: (error: unknown) => void;

  /** The worker starts on the first map that is not drawn yet. */
  constructor(
    onUnexpected: (error: unknown) => void,
    createPort: () => TrainedMapPort = () => new PredictClient(),
  ) {
    this.#onUnexpected = onUnexpected;
    this.#createPort = createPort;
  }

  get view(): DecisionBoundaryView | null {
    return this.#view;
  }
  get status(): TrainedMapStatus {
    return this.#status;
  }
  get problem(): { code: string; params?: ErrorParams } | null {
    return this.#problem;
  }

  async show(run: FinishedRun, request: TrainedMapRequest): Promise<void> {
    this.#current = run;
    this.#problem = null;
    const known = drawn.get(run);
    if (known) {
      this.#view = known;
      this.#status = 'ready';
      return;
    }
    this.#view = null;
    this.#status = 'drawing';
    try {
      this.#port ??= this.#createPort();
      const result = await this.#port.trainedMap(request);
      if (this.#current !== run) return;
      if (result.ok) {
        drawn.set(run, result.view);
        this.#view = result.view;
        this.#status = 'ready';
      } else {
        this.#problem = result.params
          ? { code: result.code, params: result.params }
          : { code: result.code };
        this.#status = 'failed';
      }
    } catch (error) {
      if (this.#current !== run) return;
      this.#status = 'failed';
      this.#onUnexpected(error);
    }
  }

  clear(): void {
    this.#current = null;
    this.#view = null;
    this.#problem = null;
    this.#status = 'idle';
  }

  dispose(): void {
    this.clear();
    this.#port?.dispose();
    this.#port = null;
  }
}
