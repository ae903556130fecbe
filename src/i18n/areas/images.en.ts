/**
 * English strings of image datasets (import, bounds, skipped files, thumbnails), deep-merged
 * into the main catalogue by en.ts. File names arrive as parameters and are shown as text.
 */
export const imagesEn = {
  error: {
    images: {
      notZip: '“{{file}}” is not a zip archive, or it is damaged.',
      unsupportedZip:
        '“{{file}}” uses ZIP64 or encryption, which Fitlab cannot read. Zip the folder again without a password.',
      tooManyFiles:
        'The import holds {{count}} files; at most {{max}} are allowed. Split it into smaller sets.',
      entryTooLarge:
        '“{{file}}” is {{size}} uncompressed; one image may be at most {{max}}. Nothing was imported.',
      totalTooLarge:
        'The images add up to more than {{max}} uncompressed (at least {{total}}). Nothing was imported.',
      zipBomb:
        '“{{file}}” expands from {{compressed}} to {{size}} (ratio {{ratio}}:1, limit {{max}}:1), which looks like a zip bomb. Nothing was imported.',
      noImages: 'No image could be read ({{skipped}} files skipped). Nothing was imported.',
      quota:
        'Not enough storage: the images need about {{needed}} but only {{available}} are free. Delete datasets or free disk space.',
      busy: 'Another image import is still running. Wait for it or cancel it first.',
      workerCrashed: 'The image worker stopped unexpectedly. Nothing was saved; try again.',
    },
  },
  images: {
    heading: 'Import images',
    note: 'Choose a folder or a .zip whose sub-folders are the classes (for example cats/ and dogs/). PNG, JPEG, WebP, GIF and BMP are read; each image is cropped to a centred square and resized.',
    size: 'Image size',
    sizeOption: '{{size}} × {{size}} px',
    color: 'Colour',
    colorRgb: 'RGB',
    colorGrayscale: 'Grayscale',
    chooseFolder: 'Choose a folder',
    chooseZip: 'Choose a .zip',
    drop: 'Drop a folder or a .zip of images here',
    dropHint: 'or drop a folder or a .zip here',
    progress: 'Importing images',
    progressText: '{{done}} of {{total}} files, {{read}} of {{size}} MB',
    cancel: 'Cancel image import',
    imported: 'Imported “{{name}}”: {{images}} images in {{classes}} classes.',
    skippedHeading: '{{count}} files were skipped',
    skippedMore: '… and {{count}} more',
    skip: {
      decodeFailed: 'could not be decoded as an image',
      nestedZip: 'a zip inside the zip (not opened)',
      unsupportedType: 'not a PNG, JPEG, WebP, GIF or BMP file',
      noClass: 'not inside a class folder',
    },
    sets: {
      heading: 'Image sets',
      empty: 'No image sets stored yet.',
      name: 'Name',
      images: 'Images',
      classes: 'Classes',
      format: 'Format',
      formatValue: '{{size}} px, {{color}}',
      stored: 'Size on disk',
      created: 'Added',
      actions: 'Actions',
      view: 'Show images of {{name}}',
      delete: 'Delete {{name}}',
      confirmText: 'Delete the image set “{{name}}”? This cannot be undone.',
      confirm: 'Delete',
      cancel: 'Cancel',
      rename: 'Rename {{name}}',
      newName: 'New name for {{name}}',
      save: 'Save',
      export: 'Export {{name}} as zip',
      train: 'Use {{name}} for training',
      chosen:
        '“{{name}}” is now the project’s dataset, predicting its class folders. Continue with Prepare, Model or Train.',
      oneClass: 'Only one class folder: a classifier needs at least two.',
    },
    builtin: {
      heading: 'Built-in image datasets',
      show: 'Show images of {{name}}',
      failed: 'The images of this dataset could not be loaded.',
    },
    grid: {
      heading: 'Images by class: {{name}}',
      loading: 'Loading images…',
      failed: 'The images could not be read.',
      countsCaption: 'Images per class',
      className: 'Class',
      count: 'Images',
      thumbnail: '{{label}}, image {{index}}',
      classGroup: 'Class {{label}}: {{count}} images',
    },
  },
};
