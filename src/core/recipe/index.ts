/** The recipe API: fit on the training split, replay anywhere, serialize with a version. */
export * from './types';
export {
  STEP_REGISTRY,
  STEP_TYPES,
  DEFAULT_STEP_OPTIONS,
  REDRAWN_EACH_EPOCH,
  isStepType,
} from './registry';
export { applyRecipe, fitRecipe, fitTransformRecipe } from './recipe';
export type { ApplyOptions, RecipeOutput } from './recipe';
export { parseFitted, parseRecipe, serializeFitted, serializeRecipe } from './serialize';
export { defaultRecipe } from './default';
export type {
  BoxPlot,
  DatePart,
  FeatureScore,
  FilterOp,
  NumberStats,
  SelectMethod,
} from './step-options';
