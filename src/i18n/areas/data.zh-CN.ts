/**
 * 数据工作线程结果（错误、警告、持久化）的简体中文文本，由 zh-CN.ts 深度合并进主目录。参数以 {{name}} 插入。
 */
export const dataZhCN = {
  error: {
    data: {
      empty: '文件是空的，没有可导入的内容。',
      headerOnly: '文件只有表头，没有数据行。',
      binary: '这不像是文本文件（含有二进制数据）。请选择 CSV、TSV、JSON 或 NDJSON 文件。',
      unterminatedQuote: '第 {{row}} 行有一个引号字段没有闭合，请检查该行的引号。',
      raggedRow:
        '第 {{row}} 行有 {{found}} 个字段，应为 {{expected}} 个。可对不齐的行选择“补齐”或“跳过”，或修正文件。',
      invalidJson: '第 {{row}} 条记录附近的 JSON 无效：{{detail}}',
      notRecords: '第 {{row}} 条记录不是对象。JSON 须为对象数组，或每行一个对象。',
      quota:
        '存储空间不足：导入约需 {{needed}} 字节，但只剩 {{available}} 字节。请删除一些数据集或释放磁盘空间。',
      notFound: '该数据集已不存在。',
      busy: '另一个导入仍在进行。请等待其完成或先取消。',
      workerCrashed: '数据工作线程意外停止，未保存任何内容，请重试。',
    },
  },
  warning: {
    data: {
      duplicateColumn: '列名“{{name}}”出现了不止一次，其中一列已改名为“{{renamed}}”。',
      emptyColumnName: '第 {{column}} 列没有名称，现命名为“{{name}}”。',
      raggedPadded: '有 {{count}} 行字段数不对，已补齐或截断。',
      raggedSkipped: '有 {{count}} 行字段数不对，已跳过。',
      invalidValues: '“{{column}}”列中有 {{count}} 个值不是 {{type}} 类型，已记为缺失。',
      extraKeys: '有 {{count}} 个值的键不在前面的记录中，已忽略。',
    },
  },
  data: {
    storage: {
      blocked: 'Fitlab 已在另一个标签页以旧版本打开。请关闭那个标签页后继续。',
      blocking: '另一个标签页打开了更新版本的 Fitlab。请刷新本页。',
      persistGranted: '即使空间不足，浏览器也会保留你的数据集。',
      persistDenied: '空间不足时，浏览器可能会清除你的数据集。',
    },
  },
} as const;
