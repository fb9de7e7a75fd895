/** The glossary's words for investment promotion: identifiers in code, Chinese in sheets and pages. */

export const CHANNELS = [
  'staff',
  'squad',
  'agency',
  'department',
  'data',
  'chain',
  'investor_referral',
  'hometown',
  'other',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** The name a sheet is exported with, first; then every text a cell may carry. */
export const CHANNEL_TEXTS: Record<Channel, readonly string[]> = {
  staff: ['全员招商'],
  squad: ['招商小分队', '小分队', '驻点招商'],
  agency: ['第三方代理招商', '第三方'],
  department: ['部门推送'],
  data: ['大数据招商', '大数据'],
  chain: ['产业链招商', '产业链'],
  investor_referral: ['以商招商'],
  hometown: ['乡贤招商', '乡贤'],
  other: ['其他'],
};

export const STAGES = ['negotiating', 'signed', 'landed', 'started', 'completed', 'operating', 'dropped'] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_TEXT: Record<Stage, string> = {
  negotiating: '在谈',
  signed: '签约',
  landed: '落地',
  started: '开工',
  completed: '竣工',
  operating: '投产',
  dropped: '终止',
};
/** Position along the pipeline; 终止 is off it. */
export const STAGE_ORDER: Record<Stage, number> = {
  negotiating: 0,
  signed: 1,
  landed: 2,
  started: 3,
  completed: 4,
  operating: 5,
  dropped: -1,
};
/** Stages that mean the project has been signed (a 签约日期 is required). */
export const SIGNED_STAGES: readonly Stage[] = ['signed', 'landed', 'started', 'completed', 'operating'];
export const LANDED_STAGES: readonly Stage[] = ['landed', 'started', 'completed', 'operating'];

export const TOP500_LISTS = ['fortune_global', 'china', 'china_private'] as const;
export type Top500List = (typeof TOP500_LISTS)[number];
export const TOP500_TEXT: Record<Top500List, string> = {
  fortune_global: '世界500强',
  china: '中国500强',
  china_private: '民营500强',
};

export const COMPANY_TAGS = ['srdi', 'little_giant', 'unicorn', 'gazelle', 'listed', 'platform'] as const;
export const COMPANY_TAG_TEXT: Record<(typeof COMPANY_TAGS)[number], string> = {
  srdi: '专精特新',
  little_giant: '小巨人',
  unicorn: '独角兽',
  gazelle: '瞪羚',
  listed: '上市',
  platform: '头部平台',
};

export const AGREEMENT_KINDS = ['framework', 'investment', 'supplementary'] as const;
export const LEAD_STATUSES = ['open', 'following', 'converted', 'closed'] as const;
export const COMMITMENT_METRICS = ['tax', 'retail_sales', 'output', 'foreign_capital', 'foreign_trade'] as const;
export type CommitmentMetric = (typeof COMMITMENT_METRICS)[number];
/** Foreign capital and foreign trade are promised in US dollars; the rest in 元. */
export const USD_METRICS: readonly CommitmentMetric[] = ['foreign_capital', 'foreign_trade'];

/** Cell text → identifier, accepting the identifiers themselves too. */
export function lookup<K extends string>(texts: Record<K, string | readonly string[]>): Record<string, K> {
  const out: Record<string, K> = {};
  for (const [id, names] of Object.entries(texts) as [K, string | readonly string[]][]) {
    out[id] = id;
    for (const n of typeof names === 'string' ? [names] : names) out[n] = id;
  }
  return out;
}

export const channelLabel = (c: Channel) => CHANNEL_TEXTS[c][0];
/** GB/T 4754 code: a section letter with up to four digits, or the digits alone. */
export const INDUSTRY_CODE = /^[A-T]([0-9]{2,4})?$/;
