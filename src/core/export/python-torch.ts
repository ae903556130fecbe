/**
 * PyTorch pieces of the Python export: the builder's layers as an `nn.Sequential` (Lazy modules
 * take their input sizes from a first forward pass; image rows are reshaped channels-first) and
 * a plain mini-batch training loop with the app's optimizer, learning rate, batch and epochs.
 */
import type { PythonExportSpec, PythonLayer, PythonModel } from './python-types';

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

export function torchBody(
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
