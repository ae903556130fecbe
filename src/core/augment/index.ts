/** Seeded, pure data augmentation for the training split (tabular, text and images). */
export { addGaussianNoise, type NoisyValues } from './tabular';
export {
  augmentText,
  characterNoise,
  randomDeletion,
  randomSwap,
  splitWords,
  type TextAugmentOptions,
} from './text';
export {
  IMAGE_AUGMENT_OFF,
  affineTransform,
  augmentBatch,
  augmentImage,
  cutout,
  flipHorizontal,
  flipVertical,
  type AffineParams,
  type ImageAugmentConfig,
  type ImageShape,
  type PixelRange,
} from './image';
