/**
 * A neural network as plain data: the input shape and an ordered stack of layers. The Model
 * screen edits it, the share link and the registry store it, `src/core/network` infers shapes
 * and counts parameters while it is edited, and `src/ml/network` builds the TF.js model from it.
 * Shapes never include the batch dimension.
 */

export type LayerActivation =
  'linear' | 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'gelu' | 'softmax';

export type Padding = 'same' | 'valid';

export type LayerSpec =
  | { type: 'dense'; units: number; activation: LayerActivation }
  | {
      type: 'conv2d';
      filters: number;
      kernelSize: number;
      strides: number;
      padding: Padding;
      activation: LayerActivation;
    }
  | { type: 'maxPool2d' | 'avgPool2d'; poolSize: number; strides: number; padding: Padding }
  | { type: 'globalAvgPool2d' }
  | { type: 'globalAvgPool1d' }
  | { type: 'flatten' }
  | { type: 'reshape'; targetShape: number[] }
  | { type: 'dropout'; rate: number }
  | { type: 'batchNorm' }
  | { type: 'layerNorm' }
  | { type: 'embedding'; inputDim: number; outputDim: number }
  | {
      type: 'simpleRnn' | 'lstm' | 'gru';
      units: number;
      returnSequences: boolean;
      bidirectional: boolean;
    }
  | {
      /** A Transformer encoder block: multi-head self-attention + feed-forward, each residual and layer-normalized. */
      type: 'attention';
      heads: number;
      keyDim: number;
      feedForward: number;
      dropout: number;
      /** Adds sinusoidal positional encoding to the block's input. */
      positional: boolean;
    };

export type LayerType = LayerSpec['type'];

export interface NetworkSpec {
  inputShape: number[];
  layers: LayerSpec[];
}

/** Why a stack cannot be built; each an i18n key under `network.problem.`. */
export type NetworkProblemCode =
  | 'badInputShape'
  | 'badValue' // a layer setting out of its range
  | 'needsImage' // conv/pool on something that is not height × width × channels
  | 'needsSequence' // RNN/attention/1-D pooling on something that is not steps × features
  | 'needsIntegers' // embedding not first
  | 'reshapeMismatch' // target shape holds a different number of values
  | 'shrinksToNothing' // a conv or pool window larger than its input
  | 'empty';

export interface NetworkProblem {
  /** Index of the layer at fault; -1 = the input. */
  layer: number;
  code: NetworkProblemCode;
  params?: Record<string, string | number>;
}

export interface LayerSummary {
  index: number;
  type: LayerType;
  outputShape: number[];
  /** Trainable parameters. */
  trainable: number;
  /** Non-trainable parameters (batch-norm moving statistics). */
  nonTrainable: number;
}

export type NetworkAnalysis =
  | {
      ok: true;
      layers: LayerSummary[];
      outputShape: number[];
      trainable: number;
      nonTrainable: number;
    }
  | { ok: false; problem: NetworkProblem; layers: LayerSummary[] };
