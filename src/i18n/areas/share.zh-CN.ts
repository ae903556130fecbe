/** 分享链接与项目文件的简体中文文案。 */
export const shareZhCN = {
  share: {
    error: {
      tooLong: '这个链接太长（超过 {{max}} 个字符）。请对方提供更短的链接或项目文件。',
      malformed: '这不是 Fitlab 链接，或者链接被截断了。请复制完整的链接后重试。',
      corrupt: '这个链接已损坏：部分内容缺失或被改动。请重新索取链接。',
      tooLarge: '这个链接解压后超过 {{max}} 字节，任何 Fitlab 项目都不需要这么大，因此没有打开。',
      newerVersion:
        '这个链接由更新版本的 Fitlab 生成（格式 {{version}}）。请刷新页面更新后再打开。',
      invalid: '这个链接包含 Fitlab 无法识别的设置（{{path}}）。没有做任何更改。',
    },
  },
} as const;
