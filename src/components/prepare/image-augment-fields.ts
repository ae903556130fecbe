/**
 * The image augmentation step's form (see step-fields.ts): one chance shared by every
 * operation, two flips, then each operation's strength, where 0 turns the operation off.
 * Pixel columns and the image shape are not asked: they are read from the dataset.
 */
import type { OptionField } from './step-fields';

/** Image steps are offered only where the dataset's rows are images. */
export const IMAGE_ONLY_STEPS = ['imageAugment'] as const;

export const IMAGE_AUGMENT_FIELDS: OptionField[] = [
  { kind: 'number', key: 'probability', min: 0, max: 1, step: 0.05 },
  { kind: 'checkbox', key: 'flipHorizontal' },
  { kind: 'checkbox', key: 'flipVertical' },
  { kind: 'number', key: 'rotation', min: 0, max: 180, step: 1 },
  { kind: 'number', key: 'shift', min: 0, max: 1, step: 0.05 },
  { kind: 'number', key: 'zoom', min: 0, max: 1, step: 0.05 },
  { kind: 'number', key: 'brightness', min: 0, max: 1, step: 0.05 },
  { kind: 'number', key: 'contrast', min: 0, max: 1, step: 0.05 },
  { kind: 'number', key: 'noise', min: 0, max: 1, step: 0.01 },
  { kind: 'number', key: 'cutoutHoles', min: 0, max: 20, step: 1 },
  { kind: 'number', key: 'cutoutSize', min: 0, max: 1, step: 0.05 },
];
