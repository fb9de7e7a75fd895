/** Text of the shared ledger import (components/ledger/), any ledger. */
export const ledgerZhCN = {
  template: '下载空白模板',
  export: '导出台账',
  pick: '选择文件并预览',
  noImport: '您的角色不能导入此台账',
  previewOk: '检查通过，尚未写入：确认后导入',
  previewBad: '发现 {{count}} 个问题，未写入任何数据',
  fixAndRetry: '请按下列行号修改文件后重新选择；整份文件通过检查才会导入。',
  confirm: '确认导入',
  imported: '已导入 {{filename}}',
  counts: '共 {{rows}} 行：新建 {{created}}，更新 {{updated}}，不变 {{unchanged}}',
  row: '行号',
  rowN: '第 {{row}} 行',
  wholeFile: '文件',
  problems: '问题',
  warnings: '提示',
} as const;
