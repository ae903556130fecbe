/** Seeded, pure data augmentation for the training split (tabular and text). */
export { addGaussianNoise, type NoisyValues } from './tabular';
export {
  augmentText,
  characterNoise,
  randomDeletion,
  randomSwap,
  splitWords,
  type TextAugmentOptions,
} from './text';
