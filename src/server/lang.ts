export type Lang = 'zh-CN' | 'en';

/** zh-CN unless the caller prefers English first. */
export function langOf(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage[0] : acceptLanguage;
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export type Text = { 'zh-CN': string; en: string };
export const t = (zh: string, en: string): Text => ({ 'zh-CN': zh, en });
