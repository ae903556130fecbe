/**
 * English strings of the occlusion map ("Explain an image" in the Try it panel) and its error
 * codes, deep-merged into the main catalogue by en.ts.
 */
export const occlusionEn = {
  evaluate: {
    cellRows: {
      explainColumn: 'Occlusion map',
      explainShort: 'Explain',
      explain: 'Explain test image {{row}}',
    },
  },
  predict: {
    occlusion: {
      heading: 'Explain an image',
      intro:
        'An occlusion map: a square patch is slid over one image and the model asked again at every position. Where hiding the patch lowers the probability of the predicted class, the map is red: the model relies on that part of the image. Blue: hiding it makes the model surer.',
      source: 'Image to explain',
      sourceTest: 'A test image',
      sourceDrawn: 'The drawing or upload above',
      testIndex: 'Test image number (1 to {{count}})',
      noDrawing: 'Draw or upload an image above and predict it first.',
      patch: 'Patch size',
      patchOption: '{{size}}×{{size}} pixels, step {{stride}}',
      fill: 'Patch fill',
      fillZero: 'Black (0)',
      fillMean: 'The image’s mean grey',
      watch: 'Class to watch',
      watchPredicted: 'The predicted class',
      explain: 'Explain this image',
      cancel: 'Cancel',
      progress: 'Occluded images scored: {{done}} of {{total}}',
      progressLabel: 'Occlusion map progress',
      imageTest: 'test image {{index}}',
      imageDrawn: 'the drawn image',
      imageName: 'Image: {{image}}, {{width}}×{{height}} pixels',
      imageNameTrue: 'Image: {{image}}, {{width}}×{{height}} pixels, true class {{actual}}',
      mapName:
        'Occlusion map for {{image}}, predicted {{predicted}}: the most important region is {{region}}',
      mapNameWatched:
        'Occlusion map for {{image}}, predicted {{predicted}}, watching {{watched}}: the most important region is {{region}}',
      mapNameNone:
        'Occlusion map for {{image}}, predicted {{predicted}}: hiding no region lowers the probability of {{watched}}',
      region: {
        'top-left': 'top-left',
        'top-centre': 'top-centre',
        'top-right': 'top-right',
        'middle-left': 'middle-left',
        centre: 'centre',
        'middle-right': 'middle-right',
        'bottom-left': 'bottom-left',
        'bottom-centre': 'bottom-centre',
        'bottom-right': 'bottom-right',
      },
      summary:
        'Watched class {{watched}}: probability {{probability}} on the whole image. {{evaluations}} occluded images scored in {{seconds}} s; the largest change is {{max}}.',
      legend: 'Red: hiding this part lowers the probability. Blue: it raises it.',
      tableCaption: 'Mean drop in the probability of {{watched}} per pixel (row by column)',
      row: 'Row {{row}}',
      corner: 'Row \\ column',
    },
    error: {
      occlusionNotImage:
        'An occlusion map needs a model whose inputs are the pixels of an image (a square grid of numbers).',
      occlusionNeedsClassifier:
        'An occlusion map watches the probability of a class, so it needs a classification model.',
      occlusionPatch:
        'The patch must be a whole number of pixels from 1 to {{limit}} for this image.',
      occlusionBadPixels: 'The image does not have one number per pixel the model reads.',
      occlusionNoSuchImage: 'There is no test image {{index}}: the test split has {{count}}.',
      occlusionClass: 'The model has no such class to watch.',
    },
  },
} as const;
