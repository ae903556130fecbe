/**
 * English strings of the data worker's results (errors, warnings, persistence), deep-merged into the
 * main catalogue by en.ts. Parameters are interpolated with {{name}}.
 */
export const dataEn = {
  error: {
    dataset: {
      notStored:
        'This dataset is no longer in your datasets. Choose another dataset on the Data page.',
    },
    data: {
      empty: 'The file is empty: there is nothing to import.',
      headerOnly: 'The file has a header row but no data rows.',
      binary:
        'This does not look like a text file (it holds binary data). Choose a CSV, TSV, JSON or NDJSON file.',
      unterminatedQuote:
        'Row {{row}} opens a quoted field that is never closed. Check the quotes in that row.',
      raggedRow:
        'Row {{row}} has {{found}} fields where {{expected}} were expected. Choose “pad” or “skip” for uneven rows, or fix the file.',
      invalidJson: 'The JSON is not valid near record {{row}}: {{detail}}',
      notRecords:
        'Record {{row}} is not an object. JSON must be an array of objects, or one object per line.',
      quota:
        'Not enough storage: the import needs about {{needed}} bytes but only {{available}} are free. Delete datasets or free disk space.',
      textTooLarge:
        'This text file is {{sizeMb}} MB; text corpora can be at most {{limitMb}} MB. Use a shorter excerpt: a character model learns well from a few MB.',
      notFound: 'This dataset no longer exists.',
      busy: 'Another import is still running. Wait for it or cancel it first.',
      workerCrashed: 'The data worker stopped unexpectedly. Nothing was saved; try again.',
    },
  },
  warning: {
    data: {
      duplicateColumn:
        'Column name “{{name}}” appeared more than once; one copy is now “{{renamed}}”.',
      emptyColumnName: 'Column {{column}} had no name; it is now “{{name}}”.',
      raggedPadded: '{{count}} rows had the wrong number of fields and were padded or cut to fit.',
      raggedSkipped: '{{count}} rows had the wrong number of fields and were skipped.',
      invalidValues:
        '{{count}} values in column “{{column}}” are not {{type}} and were stored as missing.',
      extraKeys: '{{count}} values had keys that are not in the first records and were left out.',
    },
  },
  data: {
    storage: {
      blocked: 'Fitlab is open in another tab with an older version. Close that tab to continue.',
      blocking: 'A newer version of Fitlab was opened in another tab. Reload this page.',
      persistGranted: 'The browser will keep your datasets even when space runs low.',
      persistDenied: 'The browser may clear your datasets when space runs low.',
    },
  },
  dataTools: {
    import: {
      heading: 'How values are read',
      missing: 'Cells that mean “missing”',
      emptyCell: '(empty cell)',
      otherMarkers: 'Other markers (comma-separated)',
      thousands: 'Thousands separator',
      separators: {
        none: 'None',
        comma: 'Comma (1,000)',
        dot: 'Dot (1.000)',
        space: 'Space (1 000)',
      },
      decimalComma: 'Decimal comma (3,14)',
      ragged: 'Rows with the wrong number of fields',
      raggedPolicies: { pad: 'Pad or cut to fit', skip: 'Skip them', fail: 'Stop the import' },
      typesCaption: 'Column types',
      column: 'Column',
      type: 'Type',
      typeOf: 'Type of {{name}}',
      auto: 'Detect',
      detected: 'Detect ({{type}})',
    },
    target: {
      use: 'Use {{name}} for training',
      heading: 'Train on “{{name}}”',
      column: 'Column to predict',
      task: 'Task',
      tasks: { classification: 'Classification', regression: 'Regression' },
      suggested: '(suggested)',
      balanceCaption: 'Class balance of “{{name}}”',
      estimated: '(estimated from a sample)',
      class: 'Class',
      rows: 'Rows',
      share: 'Share',
      other: 'Other classes',
      noBalance:
        '“{{name}}” has {{distinct}} distinct values: too many to list as classes. Choose regression or another column.',
      distribution: 'Distribution of “{{name}}”',
      distributionLabel: 'Histogram of {{rows}} values of “{{name}}”',
      notNumeric: '“{{name}}” is not numeric, so it cannot be a regression target.',
      confirm: 'Use as the project’s dataset',
      close: 'Close',
      chosen:
        '“{{name}}” is now the project’s dataset, predicting “{{target}}”. Continue with Prepare or Train.',
      current: 'Project dataset: “{{name}}” from your datasets, predicting “{{target}}”.',
    },
    generator: {
      heading: 'Generate a 2-D dataset',
      kind: 'Shape',
      kinds: {
        circle: 'Circle',
        xor: 'Exclusive or (XOR)',
        gaussian: 'Two Gaussians',
        spiral: 'Spiral',
        moons: 'Two moons',
        blobs: 'Blobs (k classes)',
        regressionPlane: 'Regression plane',
        regressionGaussian: 'Regression Gaussians',
      },
      samples: 'Points',
      noise: 'Noise',
      seed: 'Seed',
      classes: 'Classes',
      name: 'Dataset name',
      save: 'Save as dataset',
      saving: 'Saving…',
      saved: 'Saved “{{name}}” to your datasets. Use it for training from the list below.',
      defaultName: '{{kind}}, {{samples}} points, seed {{seed}}',
      chartTitle: '{{kind}}',
      target: 'Target value',
      className: 'Class {{label}}',
      ariaClasses:
        'Scatter plot of {{kind}}: {{points}} points in {{classes}} classes, noise {{noise}}; {{drawn}} points drawn.',
      ariaRegression:
        'Scatter plot of {{kind}}: {{points}} points coloured by their target value, noise {{noise}}; {{drawn}} points drawn.',
    },
    text: {
      heading: 'Text corpora',
      show: 'Text profile of {{name}}',
      loading: 'Counting characters and words…',
      failed: 'The corpus could not be loaded. Check your connection and try again.',
      space: '(space)',
      token: 'Token',
      count: 'Count',
      topWords: 'Most frequent words',
      topCharacters: 'Most frequent characters',
      facts: {
        characters: 'Characters',
        nonSpace: 'Characters without spaces',
        words: 'Words',
        lines: 'Lines',
        records: 'Records',
        vocabulary: 'Vocabulary (distinct words)',
        alphabet: 'Distinct characters',
        wordsPerRecord: 'Words per record',
      },
    },
  },
} as const;
