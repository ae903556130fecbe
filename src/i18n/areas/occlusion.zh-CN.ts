/**
 * Simplified Chinese strings of the occlusion map, deep-merged into the main catalogue by
 * zh-CN.ts. Same keys and placeholders as occlusion.en.ts.
 */
export const occlusionZhCN = {
  evaluate: {
    cellRows: {
      explainColumn: '遮挡图',
      explainShort: '解释',
      explain: '解释测试图像 {{row}}',
    },
  },
  predict: {
    occlusion: {
      heading: '解释一张图像',
      intro:
        '遮挡图：用一个方形色块在图像上逐位置滑动，每个位置都让模型重新预测。遮住某处后预测类别的概率下降，该处就显示为红色，说明模型依赖这部分图像；蓝色表示遮住后模型反而更有把握。',
      source: '要解释的图像',
      sourceTest: '一张测试图像',
      sourceDrawn: '上方绘制或上传的图像',
      testIndex: '测试图像编号（1 到 {{count}}）',
      noDrawing: '请先在上方绘制或上传一张图像并完成预测。',
      patch: '色块大小',
      patchOption: '{{size}}×{{size}} 像素，步长 {{stride}}',
      fill: '色块填充',
      fillZero: '黑色（0）',
      fillMean: '图像的平均灰度',
      watch: '观察的类别',
      watchPredicted: '预测出的类别',
      explain: '解释这张图像',
      cancel: '取消',
      progress: '已评估遮挡图像：{{done}} / {{total}}',
      progressLabel: '遮挡图进度',
      imageTest: '测试图像 {{index}}',
      imageDrawn: '绘制的图像',
      imageName: '图像：{{image}}，{{width}}×{{height}} 像素',
      imageNameTrue: '图像：{{image}}，{{width}}×{{height}} 像素，真实类别 {{actual}}',
      mapName: '{{image}}的遮挡图，预测为 {{predicted}}：最重要的区域在{{region}}',
      mapNameWatched:
        '{{image}}的遮挡图，预测为 {{predicted}}，观察类别 {{watched}}：最重要的区域在{{region}}',
      mapNameNone:
        '{{image}}的遮挡图，预测为 {{predicted}}：遮住任何区域都不会降低 {{watched}} 的概率',
      region: {
        'top-left': '左上',
        'top-centre': '上方中部',
        'top-right': '右上',
        'middle-left': '左侧中部',
        centre: '中心',
        'middle-right': '右侧中部',
        'bottom-left': '左下',
        'bottom-centre': '下方中部',
        'bottom-right': '右下',
      },
      summary:
        '观察类别 {{watched}}：整张图像上的概率为 {{probability}}。共评估 {{evaluations}} 张遮挡图像，用时 {{seconds}} 秒；最大变化为 {{max}}。',
      legend: '红色：遮住此处会降低概率。蓝色：会提高概率。',
      tableCaption: '每个像素处 {{watched}} 概率的平均下降（行 × 列）',
      row: '第 {{row}} 行',
      corner: '行 \\ 列',
    },
    error: {
      occlusionNotImage: '遮挡图需要以图像像素（方形数字网格）为输入的模型。',
      occlusionNeedsClassifier: '遮挡图观察的是某个类别的概率，因此需要分类模型。',
      occlusionPatch: '对这张图像，色块大小必须是 1 到 {{limit}} 之间的整数像素。',
      occlusionBadPixels: '图像的数值个数与模型读取的像素个数不一致。',
      occlusionNoSuchImage: '没有第 {{index}} 张测试图像：测试集共有 {{count}} 张。',
      occlusionClass: '模型没有要观察的这个类别。',
    },
  },
} as const;
