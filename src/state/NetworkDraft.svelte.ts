/**
 * The network being built on the Model screen: the layer stack, how to train it, and what the
 * builder shows while it is edited (shapes, parameter counts, the first problem, the planned
 * learning rate). Plain core functions do the work; this class only holds state.
 */
import { analyzeNetwork } from '../core/network/analyze';
import { defaultLayer, withOutputHead } from '../core/network/layers';
import { proposePresets, type DatasetShape, type NetworkPreset } from '../core/network/presets';
import { scheduleCurve, validateSchedule } from '../core/network/schedules';
import type { LayerSpec, LayerType, NetworkAnalysis, NetworkSpec } from '../core/network/spec';
import {
  defaultOptimizer,
  type NetworkModelSpec,
  type NetworkTraining,
  type OptimizerName,
} from '../core/network/training-spec';
import { validateNetworkTraining, type TrainingProblem } from '../core/network/validate-training';
import { toggleFrozen, type TransferSpec } from '../core/network/transfer';

/** The shape of the data the network will read (from the dataset and its recipe). */
export interface DraftTarget extends DatasetShape {
  classes: number;
}

export class NetworkDraft {
  spec = $state<NetworkSpec>({ inputShape: [1], layers: [] });
  training = $state<NetworkTraining>(
    proposePresets({ task: 'classification', width: 1 })[0]!.training,
  );
  target = $state<DraftTarget>({ task: 'classification', width: 1, classes: 2 });
  presetId = $state<NetworkPreset['id'] | null>(null);
  /** The registered run whose weights start the network; null = fresh weights. */
  transfer = $state<TransferSpec | null>(null);
  /** Set by `restore`: new targets keep the restored stack until another dataset is chosen. */
  #keepOnNextTarget = false;

  readonly presets = $derived(proposePresets(this.target));
  /** The stack alone: problems point at the user's layers. */
  readonly analysis: NetworkAnalysis = $derived(analyzeNetwork(this.spec));
  /** The whole network that will train, output head included. */
  readonly full: NetworkAnalysis = $derived.by(() => {
    const stack = this.analysis;
    const rank =
      this.spec.layers.length === 0
        ? this.spec.inputShape.length
        : stack.ok
          ? stack.outputShape.length
          : 1;
    const units = this.target.task === 'classification' ? this.target.classes : 1;
    return analyzeNetwork(withOutputHead(this.spec, this.target.task, units, rank));
  });
  readonly scheduleCurve = $derived(
    scheduleCurve(
      this.training.schedule,
      this.training.learningRate,
      Math.max(1, Math.min(this.training.epochs, 1000)),
    ),
  );
  readonly scheduleProblems = $derived(
    validateSchedule(this.training.schedule, this.training.learningRate),
  );
  readonly trainingProblems: TrainingProblem[] = $derived(validateNetworkTraining(this.training));
  readonly isValid = $derived(
    this.analysis.ok || this.spec.layers.length === 0
      ? this.full.ok && this.scheduleProblems.length === 0 && this.trainingProblems.length === 0
      : false,
  );

  /** Follows the dataset; a new shape starts from the best preset for it. */
  setTarget(target: DraftTarget): void {
    const same =
      target.task === this.target.task &&
      target.width === this.target.width &&
      target.classes === this.target.classes &&
      target.image?.join('x') === this.target.image?.join('x');
    this.target = target;
    if (same) return;
    if (this.#keepOnNextTarget) {
      // A restored stack keeps its layers while the data's shape settles (the raw columns come
      // first, the recipe's width with its preview): a vector input follows the width.
      const [width] = this.spec.inputShape;
      if (this.spec.inputShape.length === 1 && width !== target.width) {
        this.spec = { ...this.spec, inputShape: [target.width] };
      }
      return;
    }
    const [best] = proposePresets(target);
    if (best) this.applyPreset(best);
  }

  /** Another dataset was chosen: a restored stack no longer waits for its own target. */
  forgetRestored(): void {
    this.#keepOnNextTarget = false;
  }

  applyPreset(preset: NetworkPreset): void {
    this.spec = structuredClone(preset.spec);
    this.training = structuredClone(preset.training);
    this.presetId = preset.id;
    this.transfer = null;
  }

  /**
   * Starts from a registered run's weights: its stack, so they fit layer by layer; the training
   * settings stay, so a from-scratch run with the same settings compares fairly.
   */
  startFrom(spec: NetworkSpec, transfer: TransferSpec): void {
    this.spec = structuredClone(spec);
    this.presetId = null;
    this.transfer = transfer;
  }

  setFrozen(index: number, isFrozen: boolean): void {
    if (!this.transfer) return;
    const frozen = toggleFrozen(this.transfer.frozen, this.spec.layers, index, isFrozen);
    this.transfer = { ...this.transfer, frozen };
  }

  clearTransfer(): void {
    this.transfer = null;
  }

  /** Reads rows as an image (h × w × c) or as a flat vector. */
  setInputShape(shape: number[]): void {
    this.spec = { ...this.spec, inputShape: shape };
    this.presetId = null;
    this.transfer = null;
  }

  addLayer(type: LayerType, at = this.spec.layers.length): void {
    const layers = [...this.spec.layers];
    layers.splice(at, 0, defaultLayer(type));
    this.setLayers(layers);
  }

  removeLayer(index: number): void {
    this.setLayers(this.spec.layers.filter((_, i) => i !== index));
  }

  moveLayer(index: number, delta: -1 | 1): void {
    const to = index + delta;
    if (to < 0 || to >= this.spec.layers.length) return;
    const layers = [...this.spec.layers];
    const [moved] = layers.splice(index, 1);
    if (moved) layers.splice(to, 0, moved);
    this.setLayers(layers);
  }

  updateLayer(index: number, patch: Partial<LayerSpec>): void {
    this.setLayers(
      this.spec.layers.map((layer, i) =>
        i === index ? ({ ...layer, ...patch } as LayerSpec) : layer,
      ),
    );
  }

  setTraining(patch: Partial<NetworkTraining>): void {
    this.training = { ...this.training, ...patch };
    this.presetId = null;
  }

  setOptimizer(name: OptimizerName): void {
    this.setTraining({ optimizer: defaultOptimizer(name) });
  }

  /**
   * Puts back a network trained before (a run resumed from its checkpoint): the stack and
   * settings as they were, kept when the dataset's shape arrives next.
   */
  restore(network: NetworkModelSpec): void {
    this.spec = structuredClone(network.spec);
    this.training = structuredClone(network.training);
    this.presetId = null;
    this.transfer = network.transfer ? structuredClone(network.transfer) : null;
    this.#keepOnNextTarget = true;
  }

  /** Plain data for the worker (no Svelte proxies). */
  toModelSpec(): NetworkModelSpec {
    const model = {
      spec: $state.snapshot(this.spec),
      training: $state.snapshot(this.training),
    } as NetworkModelSpec;
    if (this.transfer) model.transfer = $state.snapshot(this.transfer) as TransferSpec;
    return model;
  }

  private setLayers(layers: LayerSpec[]): void {
    this.spec = { ...this.spec, layers };
    this.presetId = null;
    // Another stack no longer holds the source's weights layer by layer.
    this.transfer = null;
  }
}
