/**
 * Live views of the fast engine, as the MLP loop sends them (decision boundary on 2-D
 * classification data, per-layer weight histograms) plus the last batch's gradient histograms,
 * which the engine still holds at the end of an epoch. Computed from the engine's own buffers
 * and forward pass: no tensor. Throttled as every live view.
 */
import type { LayerHistogram, LiveViewsEvent, LiveViewsRequest } from '../../contracts/live-views';
import type { TrainingEventHandler } from '../../contracts/training';
import { histogram } from '../../core/evaluation/histogram';
import { boundaryFrame, boundaryView, hasBoundaryView } from '../live/boundary';
import { HISTOGRAM_BINS } from '../live/network-live';
import { LiveViewThrottle } from '../live/throttle';
import type { TrainingData } from '../train-loop';
import type { FastMlp } from './fast-mlp';

export interface FastLiveOptions {
  jobId: number;
  request: LiveViewsRequest;
  data: TrainingData;
  emit: TrainingEventHandler;
  now: () => number;
}

export interface FastLiveViews {
  epochEnd(net: FastMlp, epoch: number, epochs: number): Promise<void>;
}

/** Per layer its kernel then its bias, named like the tfjs model's weights. */
function histograms(net: FastMlp, values: Float32Array): LayerHistogram[] {
  const out: LayerHistogram[] = [];
  let offset = 0;
  net.layerShapes().forEach(({ nIn, nOut }, layer) => {
    const kernel = values.subarray(offset, offset + nIn * nOut);
    offset += nIn * nOut;
    const bias = values.subarray(offset, offset + nOut);
    offset += nOut;
    out.push({ layer, name: `dense_${layer + 1}/kernel`, ...histogram(kernel, HISTOGRAM_BINS) });
    out.push({ layer, name: `dense_${layer + 1}/bias`, ...histogram(bias, HISTOGRAM_BINS) });
  });
  return out;
}

/** Null when nothing that applies was asked for. */
export function createFastLiveViews(options: FastLiveOptions): FastLiveViews | null {
  const { request, data, jobId, emit } = options;
  const frame = request.boundary === true && hasBoundaryView(data) ? boundaryFrame(data) : null;
  const wantsHistograms = request.histograms === true;
  if (!frame && !wantsHistograms) return null;
  const throttle = new LiveViewThrottle(options.now);
  return {
    async epochEnd(net, epoch, epochs) {
      if (!throttle.claim(epoch, epoch === epochs)) return;
      const event: LiveViewsEvent = { type: 'live', jobId, epoch, epochs };
      if (wantsHistograms) {
        event.weights = histograms(net, net.weights());
        event.gradients = histograms(net, net.gradients());
      }
      if (frame)
        event.boundary = await boundaryView(data, frame, (rows, n) => net.predict(rows, n));
      emit(event);
    },
  };
}
