/** English strings of the "try it" panel, batch prediction and model export. */
export const predictEn = {
  predict: {
    heading: 'Try it',
    intro: 'Predict with the model you just trained: one row, a drawing, or a whole CSV file.',
    unavailable:
      'This run cannot predict here: it has no saved model (runs from before this version, or sequence and generative models).',
    form: {
      heading: 'One row',
      hint: 'Values start at the dataset’s median (most frequent category). Leave a field empty for a missing value.',
      submit: 'Predict',
      missing: '(missing)',
    },
    result: {
      heading: 'Prediction: {{label}}',
      value: 'Predicted {{target}}: {{value}}',
      chartLabel: 'Class probabilities. Most likely: {{label}} at {{probability}}.',
      class: 'Class',
      probability: 'Probability',
      showTable: 'Show as table',
      hideTable: 'Hide table',
    },
    draw: {
      heading: 'Draw a digit',
      hint: 'Draw with the mouse, a finger or a pen; it is shrunk to {{side}}×{{side}} pixels like the dataset’s images.',
      canvas: 'Drawing area. Draw a digit, then press Predict drawing.',
      predict: 'Predict drawing',
      clear: 'Clear',
      upload: 'Or upload an image',
    },
    upload: {
      heading: 'Predict an image',
      hint: 'Choose a picture: it is cropped to its centred square and resized to {{side}}×{{side}} pixels, as the imported images were.',
      choose: 'Choose an image to predict',
      preview: 'What the model sees: “{{name}}” at {{side}}×{{side}} pixels',
      failed: 'This file could not be read as an image.',
    },
    batch: {
      heading: 'Predict a CSV file',
      hint: 'The file needs the model’s input columns: {{columns}}. The recipe is applied to it as to the test rows.',
      choose: 'CSV file to predict',
      progress: 'Predicted {{done}} of {{total}} rows',
      cancel: 'Cancel',
      done: 'Predicted {{count}} rows of {{file}}.',
      download: 'Download predictions (CSV)',
      extra: 'Columns the model does not use were ignored: {{columns}}.',
    },
    export: {
      heading: 'Export the model',
      hint: 'A zip with the TF.js model (model.json, weights.bin), metadata.json with the fitted recipe and labels, an offline prediction page, and Python (a script and a notebook) that retrains the same preprocessing and model.',
      button: 'Export model (zip)',
      done: 'Exported {{count}} files.',
      unsupported: 'Recipe steps the Python code does not rebuild: {{steps}}.',
    },
    importance: {
      heading: 'Which features matter',
      intro:
        'Permutation importance: each input column of the test rows is shuffled in turn and the model scored again. The bigger the drop in the test score, the more the model relies on that column. It works for every model, and it only reads the test split.',
      measure: 'Measure permutation importance',
      again: 'Measure again',
      cancel: 'Cancel',
      progress: 'Shuffling columns: {{done}} of {{total}} scorings',
      progressLabel: 'Permutation importance progress',
      title: 'Permutation importance (test split)',
      summary:
        'Test {{metric}} before shuffling: {{baseline}}, on {{rows}} rows; {{repeats}} shuffles per column. Bars: mean drop; ± the spread across shuffles.',
      sampled: 'The test split was larger; a seeded sample of {{rows}} rows was scored.',
      metric: { accuracy: 'accuracy', r2: 'R²' },
    },
    error: {
      tooManyColumns:
        'This model reads {{columns}} columns; permutation importance stops at {{limit}} (one shuffle per pixel of an image says little). Use fewer columns or an image view.',
      notMeasurable:
        'The test score cannot be computed on this test split (for example, R² of a target that never changes), so there is nothing to compare shuffles with.',
      missingColumns_one: 'The file lacks a column the model needs: {{columns}}.',
      missingColumns_other: 'The file lacks {{count}} columns the model needs: {{columns}}.',
      missingValue:
        'Row {{row}} has no value for “{{column}}” after the recipe. Fill it in, or add an imputation step to the recipe and train again.',
      noModel: 'There is no trained model to predict with.',
      workerCrashed: 'The prediction worker stopped unexpectedly. Try again.',
    },
  },
};
