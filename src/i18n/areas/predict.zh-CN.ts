/** “试一试”面板、批量预测与模型导出的简体中文字符串。 */
export const predictZhCN = {
  predict: {
    heading: '试一试',
    intro: '用刚训练好的模型预测：一行数据、一幅手绘图，或整个 CSV 文件。',
    unavailable: '此次运行无法在这里预测：它没有保存的模型（本版本之前的运行，或序列与生成模型）。',
    form: {
      heading: '单行数据',
      hint: '各字段初始值为数据集的中位数（或最常见的类别）。留空表示缺失值。',
      submit: '预测',
      missing: '（缺失）',
    },
    result: {
      heading: '预测结果：{{label}}',
      value: '预测的 {{target}}：{{value}}',
      chartLabel: '各类别的概率。最可能：{{label}}，概率 {{probability}}。',
      class: '类别',
      probability: '概率',
      showTable: '以表格显示',
      hideTable: '隐藏表格',
    },
    draw: {
      heading: '手写一个数字',
      hint: '用鼠标、手指或触控笔书写；图像会像数据集中的图片一样缩小到 {{side}}×{{side}} 像素。',
      canvas: '绘图区。写一个数字，然后按“预测手绘图”。',
      predict: '预测手绘图',
      clear: '清除',
      upload: '或上传一张图片',
    },
    upload: {
      heading: '预测一张图像',
      hint: '选择一张图片：它会像导入的图像一样，裁成居中的正方形并缩放到 {{side}}×{{side}} 像素。',
      choose: '选择要预测的图像',
      preview: '模型看到的图像：“{{name}}”，{{side}}×{{side}} 像素',
      failed: '无法将此文件读取为图像。',
    },
    batch: {
      heading: '预测 CSV 文件',
      hint: '文件需要包含模型的输入列：{{columns}}。配方会像处理测试行一样应用到文件上。',
      choose: '要预测的 CSV 文件',
      progress: '已预测 {{done}} / {{total}} 行',
      cancel: '取消',
      done: '已预测 {{file}} 的 {{count}} 行。',
      download: '下载预测结果（CSV）',
      extra: '模型不使用的列已被忽略：{{columns}}。',
    },
    export: {
      heading: '导出模型',
      hint: '一个 zip 文件，包含 TF.js 模型（model.json、weights.bin）、含已拟合配方和标签的 metadata.json、离线预测页面，以及重新训练相同预处理和模型的 Python 代码（脚本和笔记本）。',
      button: '导出模型（zip）',
      done: '已导出 {{count}} 个文件。',
      unsupported: 'Python 代码未重建的配方步骤：{{steps}}。',
    },
    importance: {
      heading: '哪些特征重要',
      intro:
        '置换重要性：依次打乱测试行的每个输入列，再给模型打分。测试得分下降越多，说明模型越依赖该列。它适用于任何模型，且只读取测试集。',
      measure: '计算置换重要性',
      again: '重新计算',
      cancel: '取消',
      progress: '正在打乱各列：已完成 {{done}} / {{total}} 次评分',
      progressLabel: '置换重要性进度',
      title: '置换重要性（测试集）',
      summary:
        '打乱前的测试{{metric}}：{{baseline}}，共 {{rows}} 行；每列打乱 {{repeats}} 次。条形为平均下降，± 为各次打乱间的离散程度。',
      sampled: '测试集较大，已按固定种子抽取 {{rows}} 行进行评分。',
      metric: { accuracy: '准确率', r2: 'R²' },
    },
    error: {
      tooManyColumns:
        '该模型读取 {{columns}} 列，置换重要性最多支持 {{limit}} 列（逐像素打乱图像意义不大）。请减少列数，或使用图像视图。',
      notMeasurable:
        '在此测试集上无法计算测试得分（例如目标值恒定时的 R²），因此无法与打乱后的结果比较。',
      missingColumns_one: '文件缺少模型需要的列：{{columns}}。',
      missingColumns_other: '文件缺少模型需要的 {{count}} 列：{{columns}}。',
      missingValue:
        '第 {{row}} 行在应用配方后缺少“{{column}}”的值。请填写，或在配方中加入缺失值填补步骤后重新训练。',
      noModel: '没有可用于预测的已训练模型。',
      workerCrashed: '预测工作线程意外停止。请重试。',
    },
  },
};
