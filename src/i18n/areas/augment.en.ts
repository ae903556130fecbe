/**
 * English strings of image augmentation: the recipe step's name and option labels (merged
 * under the Prepare stage's keys) and its live preview. Deep-merged by en.ts.
 */
export const augmentEn = {
  recipe: {
    steps: {
      imageAugment: 'Image augmentation',
    },
  },
  prepare: {
    options: {
      probability: 'Chance per operation',
      flipHorizontal: 'Flip left–right',
      flipVertical: 'Flip upside down',
      rotation: 'Rotation (± degrees)',
      shift: 'Shift (± share of the side)',
      zoom: 'Zoom (± share)',
      brightness: 'Brightness (± share of the pixel range)',
      contrast: 'Contrast (± share)',
      noise: 'Noise (std, share of the pixel range)',
      cutoutHoles: 'Cutout holes',
      cutoutSize: 'Cutout hole size (share of the side)',
    },
  },
  augment: {
    preview: {
      heading: 'Preview on training images',
      explain:
        'Each row is one training image: the original first, then {{count}} augmented versions drawn with these settings. Training draws new versions every epoch, for the training split only; validation and test images are never changed.',
      grid: 'Training images, original then augmented',
      newSamples: 'New samples',
      none: 'No training image reached this step yet.',
    },
  },
} as const;
