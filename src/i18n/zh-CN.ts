/** 简体中文 catalogue: same keys as `en.ts` (a unit test checks that they match). */
import type { en } from './en';

import { mergeCatalogues } from './merge';
import { generativeZhCN } from './areas/generative.zh-CN';
import { compareZhCN } from './areas/compare.zh-CN';
import { classicalZhCN } from './areas/classical.zh-CN';
import { dataZhCN } from './areas/data.zh-CN';
import { evaluateZhCN } from './areas/evaluate.zh-CN';
import { exploreZhCN } from './areas/explore.zh-CN';
import { libraryZhCN } from './areas/library.zh-CN';
import { imagesZhCN } from './areas/images.zh-CN';
import { networkZhCN } from './areas/network.zh-CN';
import { liveZhCN } from './areas/live.zh-CN';
import { prepareZhCN } from './areas/prepare.zh-CN';
import { projectsZhCN } from './areas/projects.zh-CN';
import { sequenceZhCN } from './areas/sequence.zh-CN';
import { crossValidationZhCN } from './areas/cross-validation.zh-CN';
import { shareZhCN } from './areas/share.zh-CN';
import { studioZhCN } from './areas/studio.zh-CN';
import { predictZhCN } from './areas/predict.zh-CN';
import { occlusionZhCN } from './areas/occlusion.zh-CN';
import { transferZhCN } from './areas/transfer.zh-CN';
import { augmentZhCN } from './areas/augment.zh-CN';
import { taskRunsZhCN } from './areas/task-runs.zh-CN';

type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

const base = {
  app: {
    title: 'Fitlab',
    tagline: '在浏览器中训练真正的机器学习模型。',
    loadingScreen: '正在加载此页面…',
    screenFailed: '无法加载此页面（应用可能已更新，或首次访问前网络已断开）。请重新加载页面。',
  },
  nav: {
    label: '阶段',
  },
  stage: {
    data: '数据',
    model: '模型',
    train: '训练',
    evaluate: '评估',
  },
  common: {
    dismiss: '关闭',
    close: '关闭',
    loading: '加载中…',
  },
  language: {
    label: '语言',
    en: 'English',
    'zh-CN': '简体中文',
  },
  backend: {
    label: '计算后端：{{name}}',
    pending: '计算后端：开始训练时选择',
    forced: '计算后端：{{name}}（已强制指定）',
    skipped: '未使用 {{name}}：{{reason}}',
    withDetail: '{{reason}}（{{detail}}）',
    name: {
      webgpu: 'WebGPU',
      webgl: 'WebGL',
      wasm: 'WebAssembly',
      cpu: 'CPU',
    },
    reason: {
      notSupported: '此浏览器不支持',
      initFailed: '启动失败',
      notForced: '未选用（已通过 ?backend={{forced}} 强制使用 {{forced}}）',
      missingKernels: '缺少训练所需的算子',
      softwareRenderer: '在本机以软件方式运行，比 WebAssembly 慢',
      deviceLost: '训练中丢失了设备；已从最近的检查点继续训练',
    },
  },
  error: {
    title: '出错了',
    unexpected: '意外错误：{{message}}',
    dataset: {
      fetchFailed: '无法下载数据集。请检查网络连接后重试。',
      parseFailed: '无法将数据集文件解析为表格。',
      empty: '数据集中没有可用于训练的行。',
      targetMissing: '数据集中没有要预测的目标列。',
      tooFewRows: '剩余的行太少，无法划分为训练集、验证集和测试集。请选择更大的数据集。',
      singleClass: '所有行都属于同一类别，模型无从学习。请选择其他数据集。',
      noFeatures: '数据集中没有可用的输入列。',
    },
    training: {
      nanLoss:
        '训练在第 {{epoch}} 轮发散了：损失变成了 NaN 或无穷大。请尝试调小学习率、缩放特征（在“准备”页面标准化）或裁剪梯度。',
      backendFailed: '计算后端出错。请刷新页面，或通过 ?backend=cpu 强制使用 CPU。',
      workerCrashed: '训练线程意外终止。请重试；如果问题依旧，请刷新页面。',
    },
    config: {
      invalid: '部分模型设置无效，请在“模型”页面中修改。',
    },
  },
  task: {
    classification: '分类',
    regression: '回归',
    'image-classification': '图像分类',
    timeseries: '时间序列',
    'text-generation': '文本生成',
  },
  data: {
    heading: '数据',
    builtin: '内置数据集',
    loading: '正在加载数据集列表…',
    failed: '无法加载数据集列表。请刷新页面重试。',
    task: '任务：{{task}}',
    size: '{{rows}} 行 × {{columns}} 列',
    target: '预测目标：{{target}}',
    classes: '类别：{{classes}}',
    source: '来源：{{package}} {{version}}（{{registry}}）',
    license: '许可：{{license}}',
    hasMissing: '部分数值缺失；训练前会删除这些行。',
    busy: '模型训练期间无法更换数据集。',
    unavailable: {
      task: '不可训练：训练器没有适用于此类任务的模型。',
      noTarget: '不可训练：此数据集没有要预测的列。',
    },
  },
  model: {
    heading: '模型',
    layers: '隐藏层',
    noLayers: '没有隐藏层：这是一个线性（逻辑回归）模型。',
    units: '第 {{n}} 层的单元数',
    remove: '删除第 {{n}} 层',
    add: '添加层',
    activation: '激活函数',
    optimizer: '优化器',
    learningRate: '学习率',
    batchSize: '批大小',
    epochs: '训练轮数',
    seed: '随机种子',
    training: '训练',
    locked: '训练期间无法修改设置。',
    summary: {
      title: '网络结构',
      inputs: '{{inputs}} 个输入',
      inputsUnknown: '输入（数量在数据准备后确定）',
      hidden: '{{units}} {{activation}}',
      output: '{{units}} {{activation}}',
      outputUnknown: '输出',
      parameters: '{{parameters}} 个可训练参数（上次训练）',
    },
    activations: {
      relu: 'relu',
      tanh: 'tanh',
      sigmoid: 'sigmoid',
      elu: 'elu',
      selu: 'selu',
      softmax: 'softmax',
      linear: '线性',
    },
    optimizers: {
      sgd: 'SGD',
      adam: 'Adam',
      rmsprop: 'RMSProp',
    },
    invalid: {
      range: '请输入 {{min}} 到 {{max}} 之间的值。',
      integer: '请输入 {{min}} 到 {{max}} 之间的整数。',
      tooManyLayers: '隐藏层最多 {{max}} 层。',
      unknownOption: '请从列出的选项中选择。',
    },
  },
  train: {
    heading: '训练',
    train: '训练',
    stop: '停止',
    preparing: '正在准备数据…',
    stopping: '当前批次结束后停止…',
    invalidModel: '请先修正模型设置再开始训练。',
    untrainable: '所选数据集暂时无法训练，请选择其他数据集。',
    noDataset: '请先选择一个数据集。',
    split: {
      caption: '数据划分',
      subset: '子集',
      train: '训练集',
      validation: '验证集',
      test: '测试集',
      rows: '行数',
      classRow: '类别“{{name}}”',
      dropped_one: '因缺失值删除了 {{rows}} 行。',
      dropped_other: '因缺失值删除了 {{rows}} 行。',
      used: '共 {{total}} 行，使用了 {{used}} 行。',
    },
    progress: {
      label: '训练进度',
      epoch: '第 {{epoch}}/{{epochs}} 轮',
      speed: '每秒 {{value}} 个样本',
      eta: '剩余 {{value}}',
      elapsed: '已用 {{value}}',
    },
    charts: {
      loss: '每轮损失',
      accuracy: '每轮准确率',
      r2: '每轮 R²',
      epoch: '轮次',
      lossAxis: '损失',
      accuracyAxis: '准确率',
      r2Axis: 'R²',
      train: '训练集',
      validation: '验证集',
      batch: '批次损失（平滑）',
      summary: '{{title}}：训练集 {{train}}，验证集 {{validation}}',
      empty: '{{title}}：暂无数据',
    },
    live: {
      heading: '验证集（实时）',
      confusion: '混淆矩阵（验证集，第 {{epoch}} 轮）',
      roc: 'ROC 曲线（验证集）',
      scatter: '预测值与实际值（验证集，第 {{epoch}} 轮）',
    },
    finished: {
      completed_one: '训练完成，共 {{count}} 轮 — {{metric}} {{value}}',
      completed_other: '训练完成，共 {{count}} 轮 — {{metric}} {{value}}',
      stopped_one: '训练已停止，共 {{count}} 轮 — {{metric}} {{value}}',
      stopped_other: '训练已停止，共 {{count}} 轮 — {{metric}} {{value}}',
      accuracy: '测试准确率',
      r2: '测试 R²',
      took: '在 {{backend}} 上用时 {{duration}}。',
      tookTiny:
        '用时 {{duration}}，使用小型网络引擎（纯 JavaScript，对这种规模的网络比任何 TF.js 后端都快）。',
      tookFast:
        '在 {{backend}} 上用时 {{duration}}，使用快速 MLP 引擎（与 TF.js 数学相同，但没有逐个运算的开销）。',
    },
  },
  evaluate: {
    heading: '评估',
    empty: '训练一个模型后，即可在这里查看它在测试集上的评估结果。',
    rows: '在 {{rows}} 行测试数据上评估。',
    confusion: {
      caption: '混淆矩阵（测试集）',
      axes: '行：真实类别；列：预测类别。',
      cell: '真实类别“{{actual}}”中有 {{count}} 个被预测为“{{predicted}}”',
    },
    roc: {
      test: 'ROC 曲线（测试集）',
      fpr: '假阳性率',
      tpr: '真阳性率',
      vsRest: '{{name}} 对其余',
      legend: '{{name}} AUC {{auc}}',
      chance: '随机猜测',
    },
    metrics: {
      caption: '测试指标',
      metric: '指标',
      value: '数值',
      accuracy: '准确率',
      balancedAccuracy: '平衡准确率',
      precisionMacro: '精确率（宏平均）',
      recallMacro: '召回率（宏平均）',
      f1Macro: 'F1（宏平均）',
      precisionWeighted: '精确率（加权平均）',
      recallWeighted: '召回率（加权平均）',
      f1Weighted: 'F1（加权平均）',
      logLoss: '对数损失',
      rocAuc: 'ROC AUC',
      mse: '均方误差（MSE）',
      rmse: '均方根误差（RMSE）',
      mae: '平均绝对误差（MAE）',
      r2: 'R²',
    },
    perClass: {
      caption: '各类别指标',
      class: '类别',
      precision: '精确率',
      recall: '召回率',
      f1: 'F1',
      support: '样本数',
    },
    scatter: {
      title: '预测值与实际值（测试集）',
      actual: '实际值',
      predicted: '预测值',
      points: '测试行',
      summary: '{{title}}：{{points}} 个点，R² {{r2}}',
      identity: '完美预测',
    },
  },
  chart: {
    showData: '显示数据',
    hideData: '隐藏数据',
    dataCaption: '数据：{{title}}',
    omitted_one: '另有 {{rows}} 行未显示。',
    omitted_other: '另有 {{rows}} 行未显示。',
    named: '{{title}}：{{items}}',
    listSeparator: '，',
    series: '数据系列',
  },
} as const;

export const zhCN: Catalogue<typeof en> = mergeCatalogues(
  base,
  compareZhCN,
  prepareZhCN,
  projectsZhCN,
  dataZhCN,
  evaluateZhCN,
  shareZhCN,
  libraryZhCN,
  imagesZhCN,
  classicalZhCN,
  exploreZhCN,
  networkZhCN,
  liveZhCN,
  studioZhCN,
  generativeZhCN,
  sequenceZhCN,
  crossValidationZhCN,
  predictZhCN,
  occlusionZhCN,
  transferZhCN,
  augmentZhCN,
  taskRunsZhCN,
);
