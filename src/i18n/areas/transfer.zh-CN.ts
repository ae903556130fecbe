/** 迁移学习的中文文案：从已登记的运行开始训练层构建器网络。 */
export const transferZhCN = {
  transfer: {
    legend: '从已登记的模型开始',
    source: '来源运行',
    none: '无：从新权重开始',
    option: '{{name}} · {{dataset}} · {{metric}}',
    noneFit:
      '还没有已登记的网络读取这种形状（{{shape}}）的行。请先在这种形状的数据上训练一个层构建器网络：完成和停止的运行都会连同权重一起保存。',
    chosen: '权重来自 {{name}}（{{dataset}}）。各层沿用来源网络；修改它们会回到新权重。',
    headNew: '新输出层：{{from}} → {{to}} 类，标签 {{labels}}。',
    headUnknown: '新输出层：{{to}} 类，标签 {{labels}}（来源的标签未知）。',
    headKept: '保留输出层：标签与来源相同（{{labels}}）。',
    frozenCaption: '要冻结的层',
    parameters: '{{total}} 个参数中 {{frozen}} 个被冻结；{{training}} 个参与训练。',
    column: {
      index: '#',
      layer: '层',
      frozen: '冻结',
    },
    freeze: '冻结第 {{n}} 层（{{type}}）',
    why: '默认冻结卷积（提取特征的）层：它们学到的边缘、笔画等通用特征可以迁移到新图像上，固定它们在少量数据上训练得更快。其后的全连接层和新输出层学习新标签。',
    batchNorm: '冻结的批归一化层保留其缩放和平移；其滑动平均仍会随新数据更新。',
    lineage: '由 {{name}}（{{dataset}}）微调而来；冻结的层：{{layers}}',
    lineageHead: '{{text}}；{{head}}',
    lineageHeadNew: '{{to}} 类的新输出层',
    lineageHeadKept: '保留输出层',
    metric: {
      accuracy: '测试准确率 {{value}}',
      r2: '测试 R² {{value}}',
    },
    noLayers: '无',
    fineTuned: '{{model}}，由 {{name}} 微调',
  },
  compare: {
    details: {
      row: {
        transfer: '起点',
      },
    },
  },
  error: {
    transfer: {
      sourceMissing:
        '要作为起点的已登记运行（“{{run}}”）或其权重已不再保存。请选择另一个来源运行，或从新权重开始训练。',
      mismatch:
        '第 {{layer}} 层（{{type}}）与来源网络不匹配：其权重为 {{got}}，来源为 {{expected}}。请重新选择来源运行，或从新权重开始训练。',
      depth:
        '此网络有 {{got}} 层，来源有 {{expected}} 层。请重新选择来源运行以使用其各层，或从新权重开始训练。',
      frozenLayer: '第 {{layer}} 层无法冻结：只有来源网络自己的层可以冻结。',
    },
  },
} as const;
