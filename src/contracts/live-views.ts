/**
 * Live views of a training run: what the worker sends, at most once per epoch and at most every
 * LIVE_VIEW_INTERVAL_MS, for the Train screen to draw while a network learns. Plain data only
 * (typed arrays included), so it crosses `postMessage` as is.
 *
 * Coordinates of the decision boundary are the model's own inputs (after the recipe): the map
 * shows exactly the plane the network separates.
 */

/** Minimum gap between two live-view events (~4 a second); the last epoch is always sent. */
export const LIVE_VIEW_INTERVAL_MS = 250;

/** Which views to compute; each is skipped where it does not apply (e.g. no conv layer). */
export interface LiveViewsRequest {
  /** Heat map of a model on exactly two input features: class regions, or predicted values. */
  boundary?: boolean;
  /** Per-layer weight and gradient histograms (builder networks). */
  histograms?: boolean;
  /** Convolution filters and activation maps of a few test samples (builder networks). */
  conv?: boolean;
}

export interface BoundaryPoints {
  /** n × 2 coordinates (model input space). */
  xy: Float32Array;
  /** Class index of each point (0 for regression). */
  labels: Int32Array;
  /** Regression: each point's target, in the data's own units. */
  values?: Float32Array;
}

export interface DecisionBoundaryView {
  /** The grid is steps × steps cells, row-major from the top-left (x grows right, y up). */
  steps: number;
  classes: number;
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number };
  /** steps × steps × classes probabilities; for regression (classes 1) the predicted values. */
  probabilities: Float32Array;
  /** A sample of the training and test points (at most BOUNDARY_MAX_POINTS each). */
  train: BoundaryPoints;
  test: BoundaryPoints;
  /** Over all rows, not only the points shown: how many the model puts in their own class. */
  trainCorrect: number;
  trainTotal: number;
  testCorrect: number;
  testTotal: number;
  /** Regression: R² over all rows of each split, and the range the colours span. */
  regression?: { trainR2: number; testR2: number; min: number; max: number };
}

export interface LayerHistogram {
  /** Index in the builder's stack (the output head comes last). */
  layer: number;
  /** The weight's name, e.g. `conv2d_Conv2D1/kernel`. */
  name: string;
  /** bins + 1 ascending edges; counts sum to the weight's parameter count. */
  edges: number[];
  counts: number[];
}

export interface FeatureMaps {
  layer: number;
  /** The layer's class name (Conv2D, MaxPooling2D, ...). */
  kind: string;
  height: number;
  width: number;
  /** Channels sent (the first CONV_MAX_CHANNELS of the layer's). */
  channels: number;
  /** height × width × channels. */
  values: Float32Array;
}

export interface SampleActivations {
  /** Row index in the test split. */
  row: number;
  label: number;
  /** The input as the network reads it: height × width × channels. */
  input: { height: number; width: number; channels: number; values: Float32Array };
  maps: FeatureMaps[];
}

export interface ConvFilterSet {
  layer: number;
  size: number;
  inChannels: number;
  /** Filters sent (the first CONV_MAX_CHANNELS). */
  filters: number;
  /** Per filter, its size × size kernel averaged over the input channels: filters × size². */
  values: Float32Array;
}

export interface ConvView {
  filters: ConvFilterSet[];
  samples: SampleActivations[];
}

export interface LiveViewsPayload {
  boundary?: DecisionBoundaryView;
  weights?: LayerHistogram[];
  /** The last batch of the epoch's gradients, per weight. */
  gradients?: LayerHistogram[];
  conv?: ConvView;
}

export type LiveViewsEvent = {
  type: 'live';
  jobId: number;
  epoch: number;
  epochs: number;
} & LiveViewsPayload;
