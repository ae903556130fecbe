/**
 * The kernel list a builder network needs, for the kernel-aware backend choice. Dense,
 * convolution, pooling, flatten, dropout and batch-norm layers are in the recorded tables
 * (kernels/required-kernels.ts); embedding, recurrent, attention and layer-norm layers are built
 * from ops every backend ships (matmul, gather, tanh, softmax, ...), so they add none here.
 */
import type { LayerActivation } from '../../core/network/spec';
import type { NetworkModelSpec } from '../../core/network/training-spec';
import {
  requiredKernels,
  type ActivationKind,
  type LayerSpec as KernelLayer,
  type OptimizerKind,
} from '../kernels/required-kernels';

function activationKind(activation: LayerActivation): ActivationKind | undefined {
  return activation === 'gelu' ? undefined : activation;
}

export function networkKernels(
  network: NetworkModelSpec,
  task: 'classification' | 'regression',
): string[] {
  const layers: KernelLayer[] = [];
  for (const layer of network.spec.layers) {
    switch (layer.type) {
      case 'dense':
      case 'conv2d': {
        const activation = activationKind(layer.activation);
        const kind = layer.type === 'dense' ? 'dense' : 'conv2d';
        layers.push(activation ? { kind, activation } : { kind });
        break;
      }
      case 'maxPool2d':
        layers.push({ kind: 'maxPooling2d' });
        break;
      case 'avgPool2d':
        layers.push({ kind: 'averagePooling2d' });
        break;
      case 'globalAvgPool2d':
        layers.push({ kind: 'globalAveragePooling2d' });
        break;
      case 'flatten':
      case 'reshape':
        layers.push({ kind: 'flatten' });
        break;
      case 'dropout':
        layers.push({ kind: 'dropout' });
        break;
      case 'batchNorm':
        layers.push({ kind: 'batchNormalization' });
        break;
      default:
        break;
    }
  }
  layers.push({ kind: 'dense', activation: task === 'classification' ? 'softmax' : 'linear' });
  const optimizer: OptimizerKind =
    network.training.optimizer.name === 'sgd' || network.training.optimizer.name === 'rmsprop'
      ? network.training.optimizer.name
      : 'adam';
  return requiredKernels({
    layers,
    loss: task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
    optimizer,
  });
}
