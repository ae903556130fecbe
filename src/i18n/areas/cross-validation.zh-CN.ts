/** 比较页中两个运行的交叉验证文案（议题 7 第 7 项）。 */
export const crossValidationZhCN = {
  crossValidation: {
    heading: '交叉验证：按折配对 t 检验',
    explain:
      '在两个运行的训练集和验证集上划分 k 折，用各自的配置逐折重新训练，配方在每折的训练部分上重新拟合；测试集完全不参与。两者使用相同的折，因此得分按折一一配对。',
    folds: '折数',
    start: '对两者做交叉验证（{{folds}} 折）',
    stop: '停止交叉验证',
    starting: '正在开始交叉验证…',
    progress: '{{run}}：第 {{fold}} 折，共 {{folds}} 折',
    failed: '交叉验证失败：{{message}}',
    caption: '每折留出行上的得分（在 {{rows}} 行训练与验证数据上划分 {{folds}} 折）',
    fold: '折',
    column: '{{run}}：{{metric}}',
    meanSd: '均值 ± 标准差',
    meanSdValue: '{{mean}} ± {{sd}}',
    metric: {
      accuracy: '准确率',
      macroF1: '宏平均 F1',
      rmse: 'RMSE',
      r2: 'R²',
    },
    ttest: {
      caption: '按折配对 t 检验（双侧）',
      metric: '指标',
      difference: '平均差值（第一个 − 第二个）',
      t: 't',
      df: '自由度',
      pvalue: 'p 值',
      verdict: '结论',
      significant: '在 5% 水平上有差异',
      notSignificant: '在 5% 水平上无显著差异',
      noTest: {
        tooFewFolds: '未检验：少于两折',
        constantDifference: '未检验：每折的差值都相同',
      },
      sentence:
        '在 {{folds}} 折上，{{better}} 的平均{{metric}}比 {{worse}} 高出 {{difference}}（t = {{t}}，自由度 = {{df}}，p = {{p}}）。',
      tie: '在 {{folds}} 折上，两个运行的平均{{metric}}相同。',
      significantSentence: '如果两种配置同样好，出现这么大的差异是不太可能的（p < 0.05）。',
      notSignificantSentence:
        '这种大小的差异很容易偶然出现（p ≥ 0.05）：这些折不能说明哪种配置更好。',
      caveat: '各折共享训练行，得分并不独立，t 检验因此略为乐观：p 值接近 0.05 时请谨慎解读。',
    },
    chart: {
      title: '每折的{{metric}}',
      label: '{{folds}} 折上的{{metric}}：{{means}}',
      mean: '{{run}} 均值 {{mean}}',
    },
    single: {
      heading: '此运行的交叉验证',
      explain:
        '在此运行的训练集和验证集上划分 k 折，用它的配置逐折重新训练（配方在每折的训练部分上重新拟合；测试集完全不参与），以显示得分随训练行的不同而变化的程度。',
      summary: '各折{{metric}}：{{value}}',
      start: '对此运行做交叉验证（{{folds}} 折）',
    },
    reason: {
      count: '请恰好选择两个运行，才能让它们相互交叉验证。',
      model: {
        network:
          '{{run}} 是层构建器网络：在页面中逐折重新训练耗时过长，因此只对简单 MLP 和经典学习器做交叉验证。',
        sequence: '{{run}} 是序列模型：其行按时间或文本排列，打乱的折没有意义。',
        generative: '{{run}} 是生成式模型：没有可在留出折上评分的标签。',
        other: '{{run}} 无法交叉验证：只有简单 MLP 和经典学习器可以。',
      },
      split: '这两个运行的数据划分不同（比例、策略或种子），它们不共享训练行，也不会使用相同的折。',
      dataset: '这两个运行的数据集已不在数据库中，无法重新读取以进行交叉验证。',
    },
  },
};
