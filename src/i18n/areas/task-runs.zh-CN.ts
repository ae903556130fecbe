/** 登记表中序列与生成式运行的文案，以及数据页上把时间序列和语料作为序列任务打开的卡片。 */
export const taskRunsZhCN = {
  compare: {
    runs: {
      headline: {
        mae: 'MAE {{value}}',
        perplexity: '困惑度 {{value}}',
        reconstruction: '重建误差 {{value}}',
        meanGap: '均值差距 {{value}}',
        generator: '生成器损失 {{value}}',
      },
    },
  },
  taskRuns: {
    model: {
      forecast: 'LSTM 预测模型，回看 {{lookback}}，预测步长 {{horizon}}，{{epochs}} 轮',
      text: '{{model}}，上下文 {{context}}，{{epochs}} 轮',
      generative: '{{task}}，隐藏层 {{hidden}}，潜在维度 {{latent}}，{{epochs}} 轮',
    },
    weights: {
      tooLarge: '未保存：超过 {{limit}}',
      notSaved: '未保存：这次运行记录时没有保存权重',
    },
    target: {
      text: '下一个字符',
      generative: '无目标（生成式）',
    },
    samples: '运行结束时生成的文本',
    metrics: {
      caption: '测试指标对比',
      metric: '指标',
      none: '—',
      mae: 'MAE',
      rmse: 'RMSE',
      mape: 'MAPE（%）',
      naiveMae: '朴素预测的 MAE',
      testLoss: '交叉熵（每字符 nats）',
      perplexity: '困惑度',
      uniformLoss: '均匀猜测（每字符 nats）',
      reconstruction: '重建误差（MSE）',
      baselineReconstruction: '平均图像基线（MSE）',
      kl: 'KL 项',
      generator: '生成器损失',
      discriminator: '判别器损失',
      meanGap: '样本均值与目标均值的差距',
    },
  },
  dataSequence: {
    note: {
      forecast: '可作为序列任务训练：用 LSTM 预测模型预测接下来的值。',
      text: '可作为序列任务训练：字符模型学习写出类似的文字。',
    },
    open: {
      forecast: '在 {{title}} 上训练预测模型',
      text: '在 {{title}} 上训练字符模型',
    },
  },
} as const;
