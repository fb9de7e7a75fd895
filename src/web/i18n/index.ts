import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client.ts';
import { zhCN } from './zh-CN.ts';

export type Lang = 'zh-CN' | 'en';
export const LANG_KEY = 'gaoxin.lang';

function storedLang(): Lang {
  try {
    return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

function applyLang(lang: Lang) {
  setApiLanguage(lang);
  document.documentElement.lang = lang;
}

/**
 * Chinese, the default, is bundled (a module's part with the module's pages:
 * investment.ts); the English text, all of it, is fetched only when English is
 * wanted, so no page carries both languages.
 */
const englishParts = [
  () => import('./en.ts').then((m) => m.en),
  () => import('./investment.en.ts').then((m) => ({ inv: m.invEn })),
];
let english: Promise<void> | undefined;

function loadEnglish(): Promise<void> {
  english ??= Promise.all(englishParts.map((load) => load())).then(
    (parts) => {
      for (const strings of parts) i18n.addResourceBundle('en', 'translation', strings, true, true);
    },
    (err: unknown) => {
      english = undefined; // the next switch tries again
      throw err;
    },
  );
  return english;
}

const initial = storedLang();
applyLang(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

/** Resolves once the stored language's text is in: main.tsx renders after it (at once for Chinese). */
export const i18nReady: Promise<void> = initial === 'en' ? loadEnglish() : Promise.resolve();

/** Switches the UI (and the language the API answers in) and remembers the choice. */
export async function changeLang(lang: Lang) {
  try {
    localStorage.setItem(LANG_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  // The switch waits for the English text, so the page never shows a mix of the two.
  if (lang === 'en') await loadEnglish();
  applyLang(lang);
  await i18n.changeLanguage(lang);
}

export const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'zh-CN');

export default i18n;
