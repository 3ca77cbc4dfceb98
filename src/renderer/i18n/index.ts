import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Language = 'zh-CN' | 'en';
const STORAGE_KEY = 'followup.language';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

const initial = storedLanguage();
dayjs.locale(initial === 'en' ? 'en' : 'zh-cn');
document.documentElement.lang = initial;

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export function setLanguage(lng: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Private windows may refuse storage; the switch still applies to this session.
  }
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lng;
  void i18next.changeLanguage(lng);
}

export const currentLanguage = (): Language => (i18next.language === 'en' ? 'en' : 'zh-CN');

export default i18next;

/** The English strings of a feature: the Chinese ones' keys, every leaf a string. */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> };

/**
 * Adds a feature's strings under `key` to both languages (merged into what is there, so a
 * feature may add them in parts); `en` must have the same shape as the Chinese.
 */
export function addFeatureStrings<T extends object>(key: string, zh: T, english: T): void {
  i18next.addResourceBundle('zh-CN', 'translation', { [key]: zh }, true, false);
  i18next.addResourceBundle('en', 'translation', { [key]: english }, true, false);
}
