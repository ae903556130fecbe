/** 训练界面实时视图（issue 5 第 6 项）的简体中文文案。 */
export const liveZhCN = {
  live: {
    heading: '实时视图',
    epoch: '轮次',
    loss: {
      title: '损失详情',
      axis: '损失',
      batchSmoothed: '批次损失（平滑）',
      train: '训练（每轮）',
      validation: '验证（每轮）',
      earlier: '之前的运行 {{name}}（验证）',
      summary:
        '第 {{epoch}} 轮后的损失：训练 {{train}}，验证 {{validation}}；叠加了 {{runs}} 次之前的运行。',
      empty: '损失：尚未完成任何一轮。',
      smoothing: '平滑',
      log: '对数刻度',
      overlay: '显示此数据之前的运行',
      noEarlier: '此数据集和目标还没有之前完成的运行。',
    },
    rate: {
      title: '学习率',
      name: '学习率',
      axis: '学习率',
      summary: '第 {{epoch}} 轮的学习率：{{rate}}。',
    },
    boundary: {
      regressionTitle: '预测图',
      regressionSummary:
        '第 {{epoch}} 轮后的预测图：训练 R² {{trainR2}}，测试 R² {{testR2}}；颜色范围从 {{min}} 到 {{max}}。',
      low: '低（{{value}}）',
      high: '高（{{value}}）',
      title: '决策边界',
      summary:
        '第 {{epoch}} 轮后的决策边界：{{trainPercent}} % 的训练点（{{trainTotal}} 个中的 {{trainCorrect}} 个）和 {{testPercent}} % 的测试点（{{testTotal}} 个中的 {{testCorrect}} 个）位于正确的一侧。',
      trainPoints: '训练点',
      testPoints: '测试点',
      x: '第一个输入',
      y: '第二个输入',
    },
    histograms: {
      title: '权重与梯度',
      weight: '权重',
      epoch: '轮次',
      epochValue: '第 {{epoch}} 轮',
      weightsTitle: '权重',
      gradientsTitle: '梯度（该轮最后一个批次）',
      weightsSummary:
        '第 {{epoch}} 轮后 {{name}} 的 {{count}} 个权重的直方图，范围 {{min}} 到 {{max}}。',
      gradientsSummary:
        '第 {{epoch}} 轮中 {{name}} 的 {{count}} 个梯度的直方图，范围 {{min}} 到 {{max}}。',
      value: '权重值',
      gradient: '梯度',
      count: '数量',
      noGradients: '只有层构建器中的网络会记录梯度；此次运行只有权重。',
    },
    conv: {
      title: '卷积内部',
      layer: '第 {{index}} 层（{{kind}}）',
      sample: '测试样本',
      sampleOption: '第 {{row}} 行（类别 {{label}}）',
      layerPicker: '层',
      input: '输入',
      inputSummary: '测试第 {{row}} 行，类别 {{label}}：{{height}} × {{width}} 的图像。',
      maps: '{{layer}}的特征图',
      mapsSummary:
        '第 {{epoch}} 轮后：{{layer}}的 {{count}} 张特征图，每张 {{height}} × {{width}}；颜色越深激活越强。',
      filters: '卷积核（按输入通道取平均）',
      filtersSummary:
        '第 {{epoch}} 轮后：{{count}} 个 {{size}} × {{size}} 的卷积核；深色为正权重，浅色为负权重。',
    },
  },
} as const;
