/**
 * Writes Python that retrains a Fitlab model with the standard tools: pandas reads the data
 * file, scikit-learn rebuilds the recipe's preprocessing (imputation, scaling, one-hot) as a
 * ColumnTransformer fitted on the training split only, and either a scikit-learn estimator
 * (classical learners) or a PyTorch network of the same layers (MLPs, dense builder stacks)
 * trains on it. Pure text generation: nothing here runs Python.
 *
 * Invariants: every user-given name (columns, classes, file) enters the code as a JSON string
 * literal, which is also a valid Python literal, so no name can break out of the code. Recipe
 * steps without a scikit-learn counterpart are listed in `unsupportedSteps` and in a comment
 * at the top of the script, never silently dropped.
 */

export interface PythonRecipeStep {
  type: string;
  enabled: boolean;
  options: Record<string, unknown>;
}

/** The builder layers PyTorch code is written for (others leave the network without Python). */
export type PythonLayer =
  | { type: 'dense'; units: number; activation: string }
  | { type: 'dropout'; rate: number }
  | {
      type: 'conv2d';
      filters: number;
      kernelSize: number;
      strides: number;
      padding: string;
      activation: string;
    }
  | { type: 'maxPool2d' | 'avgPool2d'; poolSize: number; strides: number; padding: string }
  | { type: 'globalAvgPool2d' | 'flatten' | 'batchNorm' };

export type PythonModel =
  | { kind: 'classical'; learner: string; params: Record<string, unknown> }
  | {
      kind: 'network';
      /** Hidden layers input side first; the output head is added from the task. */
      layers: PythonLayer[];
      /** Image networks: [height, width, channels] (rows arrive flat, channels last). */
      inputShape?: number[];
      optimizer: string;
      learningRate: number;
      batchSize: number;
      epochs: number;
    };

export interface PythonExportSpec {
  dataFile: string;
  target: string;
  task: 'classification' | 'regression';
  /** Raw input columns (target excluded) and their kinds. */
  columns: { name: string; kind: string }[];
  steps: PythonRecipeStep[];
  model: PythonModel;
  split: { train: number; validation: number; test: number };
  seed: number;
}

export interface PythonExport {
  script: string;
  notebook: string;
  unsupportedSteps: string[];
}

/** Steps the ColumnTransformer reproduces, and those with no effect on a model's inputs. */
const REBUILT_STEPS = new Set(['impute', 'standardize', 'minMax', 'robustScale', 'oneHot']);
const NEUTRAL_STEPS = new Set(['dropMissingRows', 'classWeights']);

const lit = (value: unknown): string => {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return JSON.stringify(value);
};

/** The scikit-learn estimator for a classical learner, or null when there is none. */
export function sklearnEstimator(learner: string, params: Record<string, unknown>): string | null {
  const num = (key: string, fallback: number): number =>
    typeof params[key] === 'number' ? (params[key] as number) : fallback;
  const depth = (): string => (num('maxDepth', 0) > 0 ? String(num('maxDepth', 0)) : 'None');
  const seed = num('seed', 0);
  switch (learner) {
    case 'logistic-regression':
      return `LogisticRegression(C=${num('c', 1)}, max_iter=${Math.max(1000, num('maxIter', 100))})`;
    case 'linear-regression':
      return 'LinearRegression()';
    case 'ridge':
      return `Ridge(alpha=${num('alpha', 1)})`;
    case 'lasso':
      return `Lasso(alpha=${num('alpha', 1)})`;
    case 'elastic-net':
      return `ElasticNet(alpha=${num('alpha', 1)}, l1_ratio=${num('l1Ratio', 0.5)})`;
    case 'decision-tree-classifier':
      return `DecisionTreeClassifier(max_depth=${depth()}, random_state=${seed})`;
    case 'decision-tree-regressor':
      return `DecisionTreeRegressor(max_depth=${depth()}, random_state=${seed})`;
    case 'random-forest-classifier':
      return `RandomForestClassifier(n_estimators=${num('nEstimators', 100)}, max_depth=${depth()}, random_state=${seed})`;
    case 'random-forest-regressor':
      return `RandomForestRegressor(n_estimators=${num('nEstimators', 100)}, max_depth=${depth()}, random_state=${seed})`;
    case 'gbdt-classifier':
      return `HistGradientBoostingClassifier(learning_rate=${num('learningRate', 0.1)}, max_iter=${num('maxIter', 100)}, random_state=${seed})`;
    case 'gbdt-regressor':
      return `HistGradientBoostingRegressor(learning_rate=${num('learningRate', 0.1)}, max_iter=${num('maxIter', 100)}, random_state=${seed})`;
    case 'knn-classifier':
      return `KNeighborsClassifier(n_neighbors=${num('k', num('nNeighbors', 5))})`;
    case 'knn-regressor':
      return `KNeighborsRegressor(n_neighbors=${num('k', num('nNeighbors', 5))})`;
    case 'gaussian-nb':
      return 'GaussianNB()';
    case 'multinomial-nb':
      return `MultinomialNB(alpha=${num('alpha', 1)})`;
    case 'svm':
      return `SVC(C=${num('c', 1)}, kernel=${lit(typeof params['kernel'] === 'string' ? params['kernel'] : 'rbf')}, probability=True, random_state=${seed})`;
    default:
      return null;
  }
}

const SKLEARN_IMPORTS = [
  'from sklearn.compose import ColumnTransformer',
  'from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,',
  '                              RandomForestClassifier, RandomForestRegressor)',
  'from sklearn.impute import SimpleImputer',
  'from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge',
  'from sklearn.metrics import accuracy_score, r2_score',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.naive_bayes import GaussianNB, MultinomialNB',
  'from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor',
  'from sklearn.pipeline import Pipeline',
  'from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler',
  'from sklearn.svm import SVC',
  'from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor',
];

/** The preprocessing as Python lines defining `preprocess` (a ColumnTransformer). */
function preprocessing(spec: PythonExportSpec): string[] {
  const enabled = spec.steps.filter((s) => s.enabled);
  const numeric = spec.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const categorical = spec.columns.filter((c) => c.kind === 'categorical').map((c) => c.name);
  const numSteps: string[] = [];
  const catSteps: string[] = [];
  for (const step of enabled) {
    const strategy = step.options['strategy'];
    const scope = step.options['scope'];
    if (step.type === 'impute') {
      const sk =
        strategy === 'mean' ? 'mean' : strategy === 'mostFrequent' ? 'most_frequent' : 'median';
      if (scope !== 'categorical')
        numSteps.push(
          `('impute', SimpleImputer(strategy=${lit(sk === 'most_frequent' ? 'median' : sk)}))`,
        );
      if (scope !== 'numeric') catSteps.push(`('impute', SimpleImputer(strategy='most_frequent'))`);
    } else if (step.type === 'standardize') numSteps.push(`('scale', StandardScaler())`);
    else if (step.type === 'minMax') numSteps.push(`('scale', MinMaxScaler())`);
    else if (step.type === 'robustScale') numSteps.push(`('scale', RobustScaler())`);
    else if (step.type === 'oneHot')
      catSteps.push(`('onehot', OneHotEncoder(handle_unknown='ignore'))`);
  }
  const unique = (steps: string[]): string[] => {
    const seen = new Set<string>();
    return steps.filter((s) => {
      const name = s.slice(0, s.indexOf(','));
      if (seen.has(name)) return false;
      seen.add(name);
      return true;
    });
  };
  const pipe = (steps: string[]): string =>
    steps.length === 0 ? "'passthrough'" : `Pipeline([${unique(steps).join(', ')}])`;
  return [
    `NUMERIC = ${lit(numeric)}`,
    `CATEGORICAL = ${lit(categorical)}`,
    'preprocess = ColumnTransformer([',
    `    ('numeric', ${pipe(numSteps)}, NUMERIC),`,
    ...(categorical.length > 0 ? [`    ('categorical', ${pipe(catSteps)}, CATEGORICAL),`] : []),
    '])',
  ];
}

function loadAndSplit(spec: PythonExportSpec): string[] {
  const { train, validation, test } = spec.split;
  const holdout = validation + test;
  const isClass = spec.task === 'classification';
  return [
    `DATA_FILE = sys.argv[1] if len(sys.argv) > 1 else ${lit(spec.dataFile)}`,
    `TARGET = ${lit(spec.target)}`,
    `SEED = ${spec.seed}`,
    'data = pd.read_csv(DATA_FILE)',
    'data = data.dropna(subset=[TARGET])',
    'x = data[NUMERIC + CATEGORICAL]',
    isClass ? 'y = data[TARGET].astype(str)' : 'y = data[TARGET].astype(float)',
    `# Fitlab's split: ${train} train, ${validation} validation, ${test} test.`,
    `x_train, x_rest, y_train, y_rest = train_test_split(x, y, test_size=${holdout}, random_state=SEED${isClass ? ', stratify=y' : ''})`,
    `x_val, x_test, y_val, y_test = train_test_split(x_rest, y_rest, test_size=${holdout > 0 ? test / holdout : 0.5}, random_state=SEED${isClass ? ', stratify=y_rest' : ''})`,
  ];
}

function sklearnBody(spec: PythonExportSpec, estimator: string): string[] {
  const isClass = spec.task === 'classification';
  return [
    `model = Pipeline([('preprocess', preprocess), ('model', ${estimator})])`,
    'model.fit(x_train, y_train)',
    isClass
      ? "print(f'test accuracy: {accuracy_score(y_test, model.predict(x_test)):.4f}')"
      : "print(f'test R2: {r2_score(y_test, model.predict(x_test)):.4f}')",
  ];
}

const TORCH_ACTIVATIONS: Record<string, string> = {
  relu: 'nn.ReLU()',
  tanh: 'nn.Tanh()',
  sigmoid: 'nn.Sigmoid()',
  elu: 'nn.ELU()',
  selu: 'nn.SELU()',
  gelu: 'nn.GELU()',
};

const TORCH_OPTIMIZERS: Record<string, string> = {
  sgd: 'SGD',
  adam: 'Adam',
  adamw: 'AdamW',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
  adadelta: 'Adadelta',
};

/** PyTorch modules for the layers plus the task's head; Lazy modules infer their input sizes. */
function torchLayers(layers: PythonLayer[], isClass: boolean): string[] {
  const out: string[] = [];
  let isSpatial = false;
  const activation = (name: string): void => {
    const act = TORCH_ACTIVATIONS[name];
    if (act) out.push(act);
  };
  for (const layer of layers) {
    switch (layer.type) {
      case 'dropout':
        out.push(`nn.Dropout(${layer.rate})`);
        break;
      case 'dense':
        if (isSpatial) out.push('nn.Flatten()');
        isSpatial = false;
        out.push(`nn.LazyLinear(${layer.units})`);
        activation(layer.activation);
        break;
      case 'conv2d':
        isSpatial = true;
        out.push(
          `nn.LazyConv2d(${layer.filters}, ${layer.kernelSize}, stride=${layer.strides}, padding=${layer.padding === 'same' ? Math.floor(layer.kernelSize / 2) : 0})`,
        );
        activation(layer.activation);
        break;
      case 'maxPool2d':
      case 'avgPool2d':
        out.push(
          `nn.${layer.type === 'maxPool2d' ? 'MaxPool2d' : 'AvgPool2d'}(${layer.poolSize}, stride=${layer.strides}, ceil_mode=${layer.padding === 'same' ? 'True' : 'False'})`,
        );
        break;
      case 'globalAvgPool2d':
        out.push('nn.AdaptiveAvgPool2d(1)', 'nn.Flatten()');
        isSpatial = false;
        break;
      case 'flatten':
        out.push('nn.Flatten()');
        isSpatial = false;
        break;
      case 'batchNorm':
        out.push(isSpatial ? 'nn.LazyBatchNorm2d()' : 'nn.LazyBatchNorm1d()');
        break;
    }
  }
  if (isSpatial) out.push('nn.Flatten()');
  out.push(`nn.LazyLinear(${isClass ? 'len(classes)' : '1'})`);
  return out;
}

function torchBody(
  spec: PythonExportSpec,
  model: Extract<PythonModel, { kind: 'network' }>,
): string[] {
  const isClass = spec.task === 'classification';
  const layers = torchLayers(model.layers, isClass);
  const image = model.inputShape && model.inputShape.length === 3 ? model.inputShape : null;
  const optimizer = TORCH_OPTIMIZERS[model.optimizer] ?? 'Adam';
  return [
    'torch.manual_seed(SEED)',
    'def matrix(frame):',
    '    m = preprocess.transform(frame)',
    "    m = m.toarray() if hasattr(m, 'toarray') else m",
    ...(image
      ? [
          `    # Rows are images, channels last as in TF.js; PyTorch wants channels first.`,
          `    return torch.tensor(np.asarray(m, dtype=np.float32)).reshape(-1, ${image.join(', ')}).permute(0, 3, 1, 2)`,
        ]
      : ['    return torch.tensor(np.asarray(m, dtype=np.float32))']),
    'preprocess.fit(x_train)',
    'xt, xv, xs = matrix(x_train), matrix(x_val), matrix(x_test)',
    'width = xt.shape[1]',
    ...(isClass
      ? [
          'classes = sorted(y.unique())',
          'index = {c: i for i, c in enumerate(classes)}',
          'def labels(s): return torch.tensor([index[v] for v in s], dtype=torch.long)',
          'yt, yv, ys = labels(y_train), labels(y_val), labels(y_test)',
          'loss_fn = nn.CrossEntropyLoss()',
        ]
      : [
          'mean, std = float(y_train.mean()), float(y_train.std(ddof=0)) or 1.0',
          'def scaled(s): return torch.tensor(((s.values - mean) / std).astype(np.float32)).unsqueeze(1)',
          'yt, yv, ys = scaled(y_train), scaled(y_val), scaled(y_test)',
          'loss_fn = nn.MSELoss()',
        ]),
    `net = nn.Sequential(${layers.join(', ')})`,
    '# Lazy layers take their input sizes from one forward pass, before the optimizer sees them.',
    'with torch.no_grad():',
    '    net(xt[:2])',
    `optimizer = torch.optim.${optimizer}(net.parameters(), lr=${model.learningRate})`,
    `EPOCHS, BATCH = ${model.epochs}, ${model.batchSize}`,
    'for epoch in range(EPOCHS):',
    '    net.train()',
    '    order = torch.randperm(len(xt))',
    '    for start in range(0, len(xt), BATCH):',
    '        batch = order[start:start + BATCH]',
    '        optimizer.zero_grad()',
    '        loss = loss_fn(net(xt[batch]), yt[batch])',
    '        loss.backward()',
    '        optimizer.step()',
    'net.eval()',
    'with torch.no_grad():',
    ...(isClass
      ? [
          '    accuracy = (net(xs).argmax(1) == ys).float().mean().item()',
          "print(f'test accuracy: {accuracy:.4f}')",
        ]
      : [
          '    predicted = net(xs).squeeze(1).numpy() * std + mean',
          "print(f'test R2: {r2_score(y_test, predicted):.4f}')",
        ]),
  ];
}

/** The cells of the script: header, imports, data, preprocessing, model. */
function cells(spec: PythonExportSpec, unsupported: string[]): string[][] | null {
  const header = [
    `"""Retrains the Fitlab model on ${JSON.stringify(spec.dataFile)} (target ${JSON.stringify(spec.target)}).`,
    '',
    'Generated by Fitlab. The preprocessing is refitted on the training split, as in the app.',
    ...(unsupported.length > 0
      ? [`Recipe steps not rebuilt here: ${unsupported.join(', ')}.`]
      : []),
    '"""',
  ];
  const imports = [
    'import sys',
    '',
    'import numpy as np',
    'import pandas as pd',
    ...SKLEARN_IMPORTS,
  ];
  let body: string[];
  if (spec.model.kind === 'classical') {
    const estimator = sklearnEstimator(spec.model.learner, spec.model.params);
    if (!estimator) return null;
    body = sklearnBody(spec, estimator);
  } else {
    imports.push(
      'import warnings',
      'import torch',
      'from torch import nn',
      "warnings.filterwarnings('ignore', message='Lazy modules')",
    );
    body = torchBody(spec, spec.model);
  }
  return [header, imports, preprocessing(spec), loadAndSplit(spec), body];
}

function notebookOf(parts: string[][]): string {
  const toSource = (lines: string[]): string[] =>
    lines.map((line, i) => (i < lines.length - 1 ? `${line}\n` : line));
  const [header = [], ...code] = parts;
  const markdown = header.filter((line) => line !== '"""').map((line) => line.replace(/^"""/, ''));
  return JSON.stringify(
    {
      cells: [
        { cell_type: 'markdown', metadata: {}, source: toSource(markdown) },
        ...code.map((lines) => ({
          cell_type: 'code',
          execution_count: null,
          metadata: {},
          outputs: [],
          source: toSource(
            lines.map((line) => line.replace('sys.argv[1] if len(sys.argv) > 1 else ', '')),
          ),
        })),
      ],
      metadata: {
        kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
        language_info: { name: 'python' },
      },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** The script and notebook, or null when the model has no Python counterpart here. */
export function pythonExport(spec: PythonExportSpec): PythonExport | null {
  const unsupported = spec.steps
    .filter((s) => s.enabled && !REBUILT_STEPS.has(s.type) && !NEUTRAL_STEPS.has(s.type))
    .map((s) => s.type);
  const parts = cells(spec, unsupported);
  if (!parts) return null;
  return {
    script: `${parts.map((lines) => lines.join('\n')).join('\n\n')}\n`,
    notebook: notebookOf(parts),
    unsupportedSteps: unsupported,
  };
}
