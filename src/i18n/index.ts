/**
 * i18next holds both catalogues; `translate` is the only way UI code turns a key into text.
 * Interpolation is not HTML-escaped by i18next here because nothing is ever rendered as HTML:
 * Svelte text nodes escape on their own.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { en } from './en';
import { zhCN } from './zh-CN';
import type { Locale } from './locales';

let instance: I18n | null = null;

function getInstance(): I18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    initAsync: false,
    lng: 'en',
    fallbackLng: 'en',
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
  instance = created;
  return created;
}

export type TranslateParams = Record<string, string | number>;

export function translate(locale: Locale, key: string, params?: TranslateParams): string {
  return getInstance().t(key, { lng: locale, ...params });
}

export function hasTranslation(locale: Locale, key: string): boolean {
  return getInstance().exists(key, { lng: locale, fallbackLng: false });
}
