/**
 * Live views of a TF.js network while it trains (the builder's loop and the MLP loop): the
 * decision boundary on 2-D data, per-layer weight histograms and the last batch's gradient
 * histograms, and for convolutional stacks the filters and a few test samples' feature maps.
 * The loop calls `gradients` inside its tape (only on an epoch's last batch, and only when that
 * epoch will be sent, copies of the gradients are kept and read back asynchronously, as STYLE
 * §4 asks: no synchronous GPU read) and `epochEnd` after its `epoch` event. Every copy is
 * disposed once read, whether or not the run reaches the epoch's end.
 */
import * as tf from '@tensorflow/tfjs';
import type {
  ConvView,
  LayerHistogram,
  LiveViewsEvent,
  LiveViewsRequest,
} from '../../contracts/live-views';
import type { TrainingEventHandler } from '../../contracts/training';
import { histogram } from '../../core/evaluation/histogram';
import type { TrainingData } from '../train-loop';
import { weightHistograms } from '../network/live-views';
import { boundaryFrame, boundaryView, hasBoundaryView, type BoundaryFrame } from './boundary';
import { convView, hasConvLayers } from './conv';
import { LiveViewThrottle } from './throttle';

export const HISTOGRAM_BINS = 24;

export interface NetworkLiveOptions {
  jobId: number;
  request: LiveViewsRequest;
  data: TrainingData;
  emit: TrainingEventHandler;
  now: () => number;
  /** The run's first epoch (later than 1 when resumed from a checkpoint) and its last. */
  firstEpoch: number;
  epochs: number;
  /** Rows that are token ids (an Embedding first) have no plane to draw. */
  isIntegerInput?: boolean;
}

export interface NetworkLiveViews {
  /** Inside the loop's tape, before the update, after every batch of the epoch. */
  gradients(model: tf.LayersModel, grads: tf.NamedTensorMap, isLastBatch: boolean): void;
  epochEnd(model: tf.LayersModel, epoch: number): Promise<void>;
}

/** Variable name → the stack layer (InputLayer not counted) and weight it belongs to. */
function weightOwners(model: tf.LayersModel): Map<string, { layer: number; name: string }> {
  const owners = new Map<string, { layer: number; name: string }>();
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  for (const [layer, l] of layers.entries()) {
    for (const weight of l.trainableWeights) {
      owners.set((weight.read() as tf.Variable).name, { layer, name: weight.originalName });
    }
  }
  return owners;
}

/**
 * Histograms of a batch's gradients per weight. Called inside the loop's `tidy`: the copies it
 * keeps outlive it and are disposed as soon as they are read.
 */
export function readGradientHistograms(
  model: tf.LayersModel,
  grads: tf.NamedTensorMap,
  bins = HISTOGRAM_BINS,
): Promise<LayerHistogram[]> {
  const owners = weightOwners(model);
  const reads: Promise<LayerHistogram>[] = [];
  for (const [variable, gradient] of Object.entries(grads)) {
    const owner = owners.get(variable);
    if (!owner) continue;
    const copy = tf.keep(gradient.clone());
    reads.push(
      copy
        .data()
        .then((values) => ({ ...owner, ...histogram(values, bins) }))
        .finally(() => copy.dispose()),
    );
  }
  return Promise.all(reads).then((out) => out.sort((a, b) => a.layer - b.layer));
}

function modelPredictor(model: tf.LayersModel) {
  const shape = model.inputs[0]?.shape.slice(1) as number[];
  return async (rows: Float32Array, n: number): Promise<Float32Array> => {
    const output = tf.tidy(() => model.predict(tf.tensor(rows, [n, ...shape])) as tf.Tensor);
    try {
      return Float32Array.from(await output.data());
    } finally {
      output.dispose();
    }
  };
}

/** Null when nothing was asked for. */
export function createNetworkLiveViews(options: NetworkLiveOptions): NetworkLiveViews | null {
  const { request, data, jobId, emit } = options;
  const wantsBoundary =
    request.boundary === true && !options.isIntegerInput && hasBoundaryView(data);
  const wantsHistograms = request.histograms === true;
  const wantsConv = request.conv === true;
  if (!wantsBoundary && !wantsHistograms && !wantsConv) return null;
  const throttle = new LiveViewThrottle(options.now);
  const frame: BoundaryFrame | null = wantsBoundary ? boundaryFrame(data) : null;
  const { epochs } = options;
  let epochInProgress = options.firstEpoch;
  let captured: { epoch: number; histograms: Promise<LayerHistogram[]> } | null = null;

  return {
    gradients(model, grads, isLastBatch) {
      const epoch = epochInProgress;
      if (!wantsHistograms || !isLastBatch || !throttle.wouldSend(epoch, epoch === epochs)) return;
      const histograms = readGradientHistograms(model, grads);
      // A run that ends before this epoch's end still reads (and so disposes) the copies.
      histograms.catch(() => undefined);
      captured = { epoch, histograms };
    },

    async epochEnd(model, epoch) {
      epochInProgress = epoch + 1;
      if (!throttle.claim(epoch, epoch === epochs)) return;
      const event: LiveViewsEvent = { type: 'live', jobId, epoch, epochs };
      if (frame) event.boundary = await boundaryView(data, frame, modelPredictor(model));
      if (wantsHistograms) {
        event.weights = (await weightHistograms(model, HISTOGRAM_BINS)).map(
          ({ layer, name, edges, counts }) => ({ layer, name, edges, counts }),
        );
        if (captured?.epoch === epoch) event.gradients = await captured.histograms;
      }
      captured = null;
      if (wantsConv && hasConvLayers(model)) {
        const view: ConvView = await convView(model, data);
        event.conv = view;
      }
      emit(event);
    },
  };
}
