/** 分享链接与项目文件的简体中文文案。 */
export const shareZhCN = {
  share: {
    error: {
      imageSet:
        '链接和项目文件暂时无法携带导入的图像数据集。请分别分享数据集的 zip（在“数据”页面导出）和项目设置。',
      tooLong: '这个链接太长（超过 {{max}} 个字符）。请对方提供更短的链接或项目文件。',
      malformed: '这不是 Fitlab 链接，或者链接被截断了。请复制完整的链接后重试。',
      corrupt: '这个链接已损坏：部分内容缺失或被改动。请重新索取链接。',
      tooLarge: '这个链接解压后超过 {{max}} 字节，任何 Fitlab 项目都不需要这么大，因此没有打开。',
      newerVersion:
        '这个链接由更新版本的 Fitlab 生成（格式 {{version}}）。请刷新页面更新后再打开。',
      invalid: '这个链接包含 Fitlab 无法识别的设置（{{path}}）。没有做任何更改。',
      unknownLayer:
        '这个链接的网络包含 Fitlab 不认识的层（第 {{layer}} 层，“{{kind}}”）。它可能来自更新版本的 Fitlab；没有做任何更改。',
      noHash: '无法读取项目的数据来在链接中标识它。请重试。',
      hashMismatch: '这个文件不是链接所需的数据（“{{name}}”）：内容不同。它没有被保留。',
      noTarget: '链接没有说明模型预测哪一列，因此无法使用这份数据。',
    },
    opened: '已打开分享的项目。',
    openedTrained: '已打开分享的项目及其训练好的模型：请查看“评估”。',
    openedNamed: '已打开分享的项目“{{name}}”。',
    openedTrainedNamed: '已打开分享的项目“{{name}}”及其训练好的模型：请查看“评估”。',
    clamped: '链接中有 {{count}} 项设置超出范围，已设为最接近的允许值。',
    button: '分享',
    dialog: {
      heading: '分享这个项目',
      intro:
        '链接只包含设置（数据选择、处理流程、模型、划分、随机种子），绝不包含你导入的数据。打开链接的人会得到相同的设置；在 CPU 后端上，相同的种子会训练出相同的模型。',
      name: '链接中的项目名称',
      includeModel: '包含训练好的模型',
      modelNone: '还没有用当前这组设置训练出的模型：链接只包含设置。',
      hideLegend: '为课程隐藏',
      hideHint: '打开链接的人将看不到被隐藏的控件。',
      controls: {
        data: '数据',
        prepare: '预处理',
        explore: '探索',
        model: '模型',
        train: '训练',
        evaluate: '评估',
        compare: '比较',
        language: '语言菜单',
      },
      make: '生成链接',
      making: '正在生成链接…',
      link: '链接',
      copy: '复制链接',
      copied: '链接已复制。',
      copyFailed: '浏览器不允许复制：请选中链接手动复制。',
      length: '{{chars}} 个字符',
      withModel: '训练好的模型已包含在链接中：对方无需训练即可看到它。',
      modelTooLarge:
        '训练好的模型太大，无法放进链接（超过 {{max}} 个字符）：请保存项目文件来分享。',
      embed: '嵌入网页',
      snippet: '要粘贴的 HTML',
      importedNote:
        '你的数据是导入的，因此不在链接中：链接用内容哈希标识它，并请打开链接的人附上同一个文件。',
      close: '关闭',
    },
    attach: {
      heading: '这个链接需要它的数据',
      text: '分享的项目使用“{{name}}”（{{rows}} 行，{{columns}} 列）训练，链接从不携带数据。请附上同一个文件来打开；使用前会与链接核对。',
      file: '数据文件',
      dismiss: '暂不',
      checking: '正在导入并核对文件…',
    },
    file: {
      save: '保存项目文件',
      open: '打开项目文件',
      saved: '已保存“{{name}}”。',
      opened: '已打开项目文件“{{name}}”。',
      error: {
        notZip: '这不是 Fitlab 项目文件（不是 zip 压缩包）。',
        tooLarge: '这个项目文件解压后超过 {{max}} MB，因此没有打开。',
        missing: '这个项目文件缺少 {{file}}，因此没有打开。',
        unexpected: '这个项目文件包含 Fitlab 不认识的文件（{{file}}）。没有打开任何内容。',
        invalid: '这个项目文件包含 Fitlab 无法识别的设置（{{path}}）。没有做任何更改。',
        unknownLayer:
          '这个项目文件的网络包含 Fitlab 不认识的层（第 {{layer}} 层，“{{kind}}”）。没有做任何更改。',
        hash: '项目文件中的数据与记录的哈希不一致：文件被改动或已损坏。',
        newerVersion: '这个项目文件由更新版本的 Fitlab 生成（格式 {{version}}）。请刷新页面更新。',
      },
    },
    map: {
      heading: '共享模型的决策区域图',
      intro:
        '链接中的已训练网络无需重新训练，直接在其自身数据上绘制；实心点为训练点，空心圆为测试点。',
      drawing: '正在根据共享模型绘制区域图…',
      error: {
        notTwoInputs: '区域图需要恰好两个输入的模型；这个模型读取 {{count}} 个输入。',
      },
    },
  },
} as const;
