/** English strings of the Train screen's live views (issue 5, item 6). */
export const liveEn = {
  live: {
    heading: 'Live views',
    epoch: 'Epoch',
    loss: {
      title: 'Loss in detail',
      axis: 'Loss',
      batchSmoothed: 'Batch loss (smoothed)',
      train: 'Training (per epoch)',
      validation: 'Validation (per epoch)',
      earlier: 'Earlier run {{name}} (validation)',
      summary:
        'Loss after epoch {{epoch}}: training {{train}}, validation {{validation}}; earlier runs overlaid: {{runs}}.',
      empty: 'Loss: no epoch finished yet.',
      smoothing: 'Smoothing',
      log: 'Logarithmic scale',
      overlay: 'Show earlier runs of this data',
      noEarlier: 'No earlier finished run of this dataset and target.',
    },
    rate: {
      title: 'Learning rate',
      name: 'Learning rate',
      axis: 'Learning rate',
      summary: 'Learning rate at epoch {{epoch}}: {{rate}}.',
    },
    boundary: {
      regressionTitle: 'Prediction map',
      regressionSummary:
        'Prediction map after epoch {{epoch}}: training R² {{trainR2}}, test R² {{testR2}}; colours run from {{min}} to {{max}}.',
      low: 'Low ({{value}})',
      high: 'High ({{value}})',
      title: 'Decision boundary',
      summary:
        'Decision boundary after epoch {{epoch}}: {{trainPercent}} % of training points ({{trainCorrect}} of {{trainTotal}}) and {{testPercent}} % of test points ({{testCorrect}} of {{testTotal}}) on the right side.',
      trainPoints: 'Training points',
      testPoints: 'Test points',
      x: 'First input',
      y: 'Second input',
    },
    histograms: {
      title: 'Weights and gradients',
      weight: 'Weight',
      epoch: 'Epoch',
      epochValue: 'Epoch {{epoch}}',
      weightsTitle: 'Weights',
      gradientsTitle: 'Gradients (last batch of the epoch)',
      weightsSummary:
        'Histogram of {{count}} weights of {{name}} after epoch {{epoch}}, from {{min}} to {{max}}.',
      gradientsSummary:
        'Histogram of {{count}} gradients of {{name}} in epoch {{epoch}}, from {{min}} to {{max}}.',
      value: 'Weight value',
      gradient: 'Gradient',
      count: 'Count',
      noGradients:
        'Gradients are recorded for networks from the layer builder; this run has weights only.',
    },
    conv: {
      title: 'Inside the convolutions',
      layer: 'layer {{index}} ({{kind}})',
      sample: 'Test sample',
      sampleOption: 'Row {{row}} (class {{label}})',
      layerPicker: 'Layer',
      input: 'Input',
      inputSummary: 'Test row {{row}}, class {{label}}: a {{height}} × {{width}} image.',
      maps: 'Feature maps of {{layer}}',
      mapsSummary:
        'After epoch {{epoch}}: {{count}} feature maps of {{layer}}, each {{height}} × {{width}}; darker is a stronger activation.',
      filters: 'Filters (averaged over input channels)',
      filtersSummary:
        'After epoch {{epoch}}: {{count}} filters of {{size}} × {{size}}; dark is a positive weight, light a negative one.',
    },
  },
} as const;
