/**
 * Simplified Chinese strings of image augmentation, deep-merged by zh-CN.ts. Same keys and
 * placeholders as augment.en.ts.
 */
export const augmentZhCN = {
  recipe: {
    steps: {
      imageAugment: '图像增强',
    },
  },
  prepare: {
    options: {
      probability: '每项操作的概率',
      flipHorizontal: '左右翻转',
      flipVertical: '上下翻转',
      rotation: '旋转（± 度）',
      shift: '平移（± 边长比例）',
      zoom: '缩放（± 比例）',
      brightness: '亮度（± 像素范围比例）',
      contrast: '对比度（± 比例）',
      noise: '噪声（标准差，像素范围比例）',
      cutoutHoles: '遮挡块数',
      cutoutSize: '遮挡块大小（边长比例）',
    },
  },
  augment: {
    preview: {
      heading: '训练图像预览',
      explain:
        '每一行是一张训练图像：第一张为原图，其后是按当前设置生成的 {{count}} 个增强版本。训练时每个轮次都会重新生成，且只作用于训练集；验证集和测试集的图像从不改变。',
      grid: '训练图像：原图与增强版本',
      newSamples: '换一批样本',
      none: '尚无训练图像到达此步骤。',
    },
  },
};
