/**
 * Live views of the tiny engine (TensorFlow Playground's networks): the heat map of a model on
 * 2-D data (class regions or predicted values), computed with the engine's own forward pass in plain JavaScript, so
 * no tensor is involved. Sent after an `epoch` event, throttled as every live view.
 */
import type { LiveViewsRequest } from '../../contracts/live-views';
import type { TrainingEventHandler } from '../../contracts/training';
import type { TrainingData } from '../train-loop';
import { boundaryFrame, boundaryView, hasBoundaryView, type PredictRows } from './boundary';
import { LiveViewThrottle } from './throttle';

export interface TinyLiveOptions {
  jobId: number;
  request: LiveViewsRequest;
  data: TrainingData;
  emit: TrainingEventHandler;
  now: () => number;
}

export interface TinyLiveViews {
  epochEnd(predict: PredictRows, epoch: number, epochs: number): Promise<void>;
}

/** Null when the boundary was not asked for or the data has not exactly two inputs. */
export function createTinyLiveViews(options: TinyLiveOptions): TinyLiveViews | null {
  const { request, data, jobId, emit } = options;
  if (request.boundary !== true || !hasBoundaryView(data)) return null;
  const throttle = new LiveViewThrottle(options.now);
  const frame = boundaryFrame(data);
  return {
    async epochEnd(predict, epoch, epochs) {
      if (!throttle.claim(epoch, epoch === epochs)) return;
      const boundary = await boundaryView(data, frame, predict);
      emit({ type: 'live', jobId, epoch, epochs, boundary });
    },
  };
}
