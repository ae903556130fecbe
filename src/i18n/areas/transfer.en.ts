/** English strings of transfer learning: starting a builder network from a registered run. */
export const transferEn = {
  transfer: {
    legend: 'Start from a registered model',
    source: 'Source run',
    none: 'None: fresh weights',
    option: '{{name}} · {{dataset}} · {{metric}}',
    noneFit:
      'No registered network reads rows of this shape ({{shape}}) yet. Train a layer-builder network on data of this shape first: finished and stopped runs are kept with their weights.',
    chosen:
      'Weights from {{name}} ({{dataset}}). The layers are the source’s; changing them goes back to fresh weights.',
    headNew: 'New head: {{from}} → {{to}} classes, labels {{labels}}.',
    headUnknown: 'New head: {{to}} classes, labels {{labels}} (the source’s labels are unknown).',
    headKept: 'Head kept: the labels are the source’s ({{labels}}).',
    frozenCaption: 'Layers to freeze',
    parameters: '{{frozen}} of {{total}} parameters frozen; {{training}} train.',
    column: {
      index: '#',
      layer: 'Layer',
      frozen: 'Frozen',
    },
    freeze: 'Freeze layer {{n}} ({{type}})',
    why: 'By default the convolutional (feature-extracting) layers are frozen: they learn general features such as edges and strokes that carry over to new images, and keeping them fixed trains faster on little data. The dense layers after them and the new head learn the new labels.',
    batchNorm:
      'A frozen batch-normalization layer keeps its scale and shift; its running averages still follow the new data.',
    lineage: 'Fine-tuned from {{name}} ({{dataset}}); frozen layers: {{layers}}',
    lineageHead: '{{text}}; {{head}}',
    lineageHeadNew: 'new head for {{to}} classes',
    lineageHeadKept: 'head kept',
    metric: {
      accuracy: 'test accuracy {{value}}',
      r2: 'test R² {{value}}',
    },
    noLayers: 'none',
    fineTuned: '{{model}}, fine-tuned from {{name}}',
  },
  compare: {
    details: {
      row: {
        transfer: 'Started from',
      },
    },
  },
  error: {
    transfer: {
      sourceMissing:
        'The registered run to start from (“{{run}}”) or its weights are no longer stored. Choose another source run, or train from fresh weights.',
      mismatch:
        'Layer {{layer}} ({{type}}) does not fit the source network: its weights are {{got}}, the source’s {{expected}}. Choose the source run again, or train from fresh weights.',
      depth:
        'This network has {{got}} layers and the source {{expected}}. Choose the source run again to use its layers, or train from fresh weights.',
      frozenLayer: 'Layer {{layer}} cannot be frozen: only the source’s own layers can.',
    },
  },
} as const;
