/** 训练工作室的简体中文字符串：作为模型类型的层构建器、运行控制、检查点。 */
export const studioZhCN = {
  studio: {
    family: {
      builder: '神经网络 — 层构建器',
      builderAbout:
        '任意层的堆叠（全连接、卷积、池化、循环、注意力），可设置损失、优化器和学习率计划；预设与所选数据相匹配。',
    },
    controls: {
      label: '运行控制',
      pause: '暂停',
      resume: '继续',
      stepBatch: '单步一个批次',
      stepEpoch: '单步一轮',
      paused: '已暂停。可继续训练，或每次单步一个批次或一轮。',
    },
    checkpoint: {
      every: '每隔多少轮保存检查点',
      everyHelp: '保存在本浏览器中；停止训练时也会保存。0 = 仅在停止时保存。',
      everyInvalid: '请输入 0 或更大的整数轮数。',
      saved: '已在第 {{epoch}} 轮保存检查点。',
      quota:
        '浏览器存储空间已满，第 {{epoch}} 轮的检查点未能保存。训练继续进行，之前的检查点仍然保留。请释放一些空间（删除已存储的数据集或运行记录）后再保存。',
      failed: '第 {{epoch}} 轮的检查点未能保存。训练继续进行，之前的检查点仍然保留。',
    },
    resume: {
      heading: '中断的训练',
      text: '{{dataset}}：已于{{when}}保存 {{epochs}} 轮中的 {{epoch}} 轮。',
      button: '从第 {{epoch}} 轮继续',
      discard: '丢弃检查点',
    },
    resumed: {
      checkpoint: '已从第 {{epoch}} 轮的检查点继续。',
      deviceLost: 'GPU 设备丢失；训练已转到 {{backend}}，并从第 {{epoch}} 轮继续。',
      deviceLostFresh: 'GPU 设备丢失；训练已转到 {{backend}} 并重新开始。',
    },
    invalid: {
      learningRate: '学习率必须大于 0。',
      batchSize: '批次大小必须是 1 到 65,536 之间的整数。',
      epochs: '轮数必须是 1 到 1,000 之间的整数。',
      seed: '随机种子必须是 0 或更大的整数。',
      penalty: '惩罚系数必须为 0 或更大。',
      clipNorm: '裁剪范数必须为 0（关闭）或更大。',
      huberDelta: 'Huber 的 delta 必须大于 0。',
      patience: '耐心值必须是 1 或更大的整数轮数。',
      optimizer: '优化器设置必须在 0 和 1 之间（权重衰减：0 或更大）。',
    },
  },
} as const;
