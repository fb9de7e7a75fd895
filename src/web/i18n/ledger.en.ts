import type { ledgerZhCN } from './ledger.zh-CN.ts';

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const ledgerEn: Widen<typeof ledgerZhCN> = {
  template: 'Empty template',
  export: 'Export',
  pick: 'Choose a file to check',
  noImport: 'Your role cannot import this ledger',
  previewOk: 'The file passed the checks; nothing is written until you confirm',
  previewBad: '{{count}} problem(s) found; nothing was written',
  fixAndRetry: 'Fix the rows listed below and choose the file again; a file is imported only when every row passes.',
  confirm: 'Import',
  imported: 'Imported {{filename}}',
  counts: '{{rows}} row(s): {{created}} created, {{updated}} updated, {{unchanged}} unchanged',
  row: 'Row',
  rowN: 'Row {{row}}',
  wholeFile: 'File',
  problems: 'Problems',
  warnings: 'Warnings',
};
