/**
 * English catalogue: every user-facing string and error code. Keys are nested by screen.
 * Interpolation uses i18next's `{{name}}`; numbers arrive already formatted (core/format.ts),
 * except `count`, which i18next needs as a number to pick the plural form.
 */
import { mergeCatalogues } from './merge';
import { generativeEn } from './areas/generative.en';
import { compareEn } from './areas/compare.en';
import { classicalEn } from './areas/classical.en';
import { dataEn } from './areas/data.en';
import { evaluateEn } from './areas/evaluate.en';
import { exploreEn } from './areas/explore.en';
import { imagesEn } from './areas/images.en';
import { libraryEn } from './areas/library.en';
import { networkEn } from './areas/network.en';
import { liveEn } from './areas/live.en';
import { prepareEn } from './areas/prepare.en';
import { projectsEn } from './areas/projects.en';
import { sequenceEn } from './areas/sequence.en';
import { crossValidationEn } from './areas/cross-validation.en';
import { shareEn } from './areas/share.en';
import { studioEn } from './areas/studio.en';
import { predictEn } from './areas/predict.en';
import { occlusionEn } from './areas/occlusion.en';
import { transferEn } from './areas/transfer.en';
import { augmentEn } from './areas/augment.en';
import { taskRunsEn } from './areas/task-runs.en';

const base = {
  app: {
    title: 'Fitlab',
    tagline: 'Train real machine-learning models in your browser.',
    loadingScreen: 'Loading this screen…',
    screenFailed:
      'This screen could not be loaded (the app may have been updated, or the network is off before a first visit). Reload the page.',
  },
  nav: {
    label: 'Stages',
  },
  stage: {
    data: 'Data',
    model: 'Model',
    train: 'Train',
    evaluate: 'Evaluate',
  },
  common: {
    dismiss: 'Dismiss',
    close: 'Close',
    loading: 'Loading…',
  },
  language: {
    label: 'Language',
    en: 'English',
    'zh-CN': '简体中文',
  },
  backend: {
    label: 'Backend: {{name}}',
    pending: 'Backend: chosen when training starts',
    forced: 'Backend: {{name}} (forced)',
    skipped: '{{name}} skipped: {{reason}}',
    withDetail: '{{reason}} ({{detail}})',
    name: {
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'WebAssembly',
      cpu: 'CPU',
    },
    reason: {
      notSupported: 'not supported by this browser',
      initFailed: 'failed to start',
      notForced: 'not chosen (forced {{forced}} with ?backend={{forced}})',
      missingKernels: 'missing training kernels',
      softwareRenderer: 'runs in software on this machine, slower than WebAssembly',
      deviceLost: 'lost its device during training; the run continued from its last checkpoint',
    },
  },
  error: {
    title: 'Something went wrong',
    unexpected: 'Unexpected error: {{message}}',
    dataset: {
      fetchFailed: 'The dataset could not be downloaded. Check your connection and try again.',
      parseFailed: 'The dataset file could not be read as a table.',
      empty: 'The dataset has no rows to train on.',
      targetMissing: 'The dataset has no target column to predict.',
      tooFewRows:
        'Too few rows left to split into training, validation and test sets. Choose a larger dataset.',
      singleClass:
        'Every row has the same class, so there is nothing to learn. Choose another dataset.',
      noFeatures: 'The dataset has no usable input columns.',
    },
    training: {
      nanLoss:
        'Training diverged at epoch {{epoch}}: the loss became NaN or infinite. Try a lower learning rate, scale the features (Standardize on the Prepare screen) or clip gradients.',
      backendFailed:
        'The compute backend failed. Reload the page or force the CPU with ?backend=cpu.',
      workerCrashed:
        'The training worker stopped unexpectedly. Try again; reload the page if it persists.',
    },
    config: {
      invalid: 'Some model settings are invalid. Fix them on the Model screen.',
    },
  },
  task: {
    classification: 'Classification',
    regression: 'Regression',
    'image-classification': 'Image classification',
    timeseries: 'Time series',
    'text-generation': 'Text generation',
  },
  data: {
    heading: 'Data',
    builtin: 'Built-in datasets',
    loading: 'Loading the dataset list…',
    failed: 'The dataset list could not be loaded. Reload the page to try again.',
    task: 'Task: {{task}}',
    size: '{{rows}} rows × {{columns}} columns',
    target: 'Predicts: {{target}}',
    classes: 'Classes: {{classes}}',
    source: 'Source: {{package}} {{version}} ({{registry}})',
    license: 'Licence: {{license}}',
    hasMissing: 'Some values are missing; those rows are dropped before training.',
    busy: 'The dataset cannot be changed while a model is training.',
    unavailable: {
      task: 'Not trainable: the trainer has no model for this task.',
      noTarget: 'Not trainable: this dataset has no column to predict.',
    },
  },
  model: {
    heading: 'Model',
    layers: 'Hidden layers',
    noLayers: 'No hidden layers: the model is a linear (logistic) model.',
    units: 'Units in layer {{n}}',
    remove: 'Remove layer {{n}}',
    add: 'Add layer',
    activation: 'Activation',
    optimizer: 'Optimizer',
    learningRate: 'Learning rate',
    batchSize: 'Batch size',
    epochs: 'Epochs',
    seed: 'Seed',
    training: 'Training',
    locked: 'Settings are locked while a model is training.',
    summary: {
      title: 'Architecture',
      inputs: '{{inputs}} inputs',
      inputsUnknown: 'inputs (count known after data preparation)',
      hidden: '{{units}} {{activation}}',
      output: '{{units}} {{activation}}',
      outputUnknown: 'output',
      parameters: '{{parameters}} trainable parameters (last run)',
    },
    activations: {
      relu: 'relu',
      tanh: 'tanh',
      sigmoid: 'sigmoid',
      elu: 'elu',
      selu: 'selu',
      softmax: 'softmax',
      linear: 'linear',
    },
    optimizers: {
      sgd: 'SGD',
      adam: 'Adam',
      rmsprop: 'RMSProp',
    },
    invalid: {
      range: 'Enter a value from {{min}} to {{max}}.',
      integer: 'Enter a whole number from {{min}} to {{max}}.',
      tooManyLayers: 'Use at most {{max}} hidden layers.',
      unknownOption: 'Choose one of the listed options.',
    },
  },
  train: {
    heading: 'Train',
    train: 'Train',
    stop: 'Stop',
    preparing: 'Preparing the data…',
    stopping: 'Stopping after the current batch…',
    invalidModel: 'Fix the model settings before training.',
    untrainable: 'The selected dataset cannot be trained yet. Choose another one.',
    noDataset: 'Choose a dataset first.',
    split: {
      caption: 'Data split',
      subset: 'Subset',
      train: 'Train',
      validation: 'Validation',
      test: 'Test',
      rows: 'Rows',
      classRow: 'Class “{{name}}”',
      dropped_one: '{{rows}} row dropped for missing values.',
      dropped_other: '{{rows}} rows dropped for missing values.',
      used: '{{used}} of {{total}} rows used.',
    },
    progress: {
      label: 'Training progress',
      epoch: 'Epoch {{epoch}}/{{epochs}}',
      speed: '{{value}} samples/s',
      eta: '{{value}} left',
      elapsed: '{{value}} elapsed',
    },
    charts: {
      loss: 'Loss per epoch',
      accuracy: 'Accuracy per epoch',
      r2: 'R² per epoch',
      epoch: 'Epoch',
      lossAxis: 'Loss',
      accuracyAxis: 'Accuracy',
      r2Axis: 'R²',
      train: 'train',
      validation: 'validation',
      batch: 'batch loss (smoothed)',
      summary: '{{title}}: train {{train}}, validation {{validation}}',
      empty: '{{title}}: no data yet',
    },
    live: {
      heading: 'Validation set, live',
      confusion: 'Confusion matrix (validation set, epoch {{epoch}})',
      roc: 'ROC curves (validation set)',
      scatter: 'Predicted vs actual (validation set, epoch {{epoch}})',
    },
    finished: {
      completed_one: 'Training finished after {{count}} epoch — {{metric}} {{value}}',
      completed_other: 'Training finished after {{count}} epochs — {{metric}} {{value}}',
      stopped_one: 'Training stopped after {{count}} epoch — {{metric}} {{value}}',
      stopped_other: 'Training stopped after {{count}} epochs — {{metric}} {{value}}',
      accuracy: 'test accuracy',
      r2: 'test R²',
      took: 'Took {{duration}} on {{backend}}.',
      tookTiny:
        'Took {{duration}} with the small-network engine (plain JavaScript, faster than any TF.js backend for a network this size).',
      tookFast:
        'Took {{duration}} on {{backend}} with the fast MLP engine (the same maths as TF.js, without its per-operation overhead).',
    },
  },
  evaluate: {
    heading: 'Evaluate',
    empty: 'Train a model to see its evaluation on the test set.',
    rows: 'Evaluated on {{rows}} test rows.',
    confusion: {
      caption: 'Confusion matrix (test set)',
      axes: 'Rows: true class, columns: predicted class.',
      cell: '{{count}} of class “{{actual}}” predicted as “{{predicted}}”',
    },
    roc: {
      test: 'ROC curves (test set)',
      fpr: 'False positive rate',
      tpr: 'True positive rate',
      vsRest: '{{name}} vs rest',
      legend: '{{name}} AUC {{auc}}',
      chance: 'chance',
    },
    metrics: {
      caption: 'Test metrics',
      metric: 'Metric',
      value: 'Value',
      accuracy: 'Accuracy',
      balancedAccuracy: 'Balanced accuracy',
      precisionMacro: 'Precision (macro)',
      recallMacro: 'Recall (macro)',
      f1Macro: 'F1 (macro)',
      precisionWeighted: 'Precision (weighted)',
      recallWeighted: 'Recall (weighted)',
      f1Weighted: 'F1 (weighted)',
      logLoss: 'Log loss',
      rocAuc: 'ROC AUC',
      mse: 'MSE',
      rmse: 'RMSE',
      mae: 'MAE',
      r2: 'R²',
    },
    perClass: {
      caption: 'Per-class metrics',
      class: 'Class',
      precision: 'Precision',
      recall: 'Recall',
      f1: 'F1',
      support: 'Support',
    },
    scatter: {
      title: 'Predicted vs actual (test set)',
      actual: 'Actual',
      predicted: 'Predicted',
      points: 'test rows',
      summary: '{{title}}: {{points}} points, R² {{r2}}',
      identity: 'perfect prediction',
    },
  },
  chart: {
    showData: 'Show data',
    hideData: 'Hide data',
    dataCaption: 'Data: {{title}}',
    omitted_one: '{{rows}} more row not shown.',
    omitted_other: '{{rows}} more rows not shown.',
    named: '{{title}}: {{items}}',
    listSeparator: ', ',
    series: 'Series',
  },
} as const;

/** The whole English catalogue: the shell's strings plus each area's, deep-merged. */
export const en = mergeCatalogues(
  base,
  compareEn,
  prepareEn,
  projectsEn,
  dataEn,
  evaluateEn,
  shareEn,
  libraryEn,
  imagesEn,
  classicalEn,
  exploreEn,
  networkEn,
  liveEn,
  studioEn,
  generativeEn,
  sequenceEn,
  crossValidationEn,
  predictEn,
  occlusionEn,
  transferEn,
  augmentEn,
  taskRunsEn,
);
