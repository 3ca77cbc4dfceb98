// Messages from main are written once for both languages, "中文 (English)" (ApiError's
// convention). A screen shows the half in its own language.

const CJK = /[\u3400-\u9fff]/;

export type Lang = 'zh' | 'en';

/** The Chinese or the English half of "中文 (English)"; any other message as it is. */
export function inLanguage(message: string, lang: Lang): string {
  const m = /^(.+?) \((.+)\)$/s.exec(message);
  if (!m || !CJK.test(m[1]) || CJK.test(m[2])) return message;
  return lang === 'zh' ? m[1] : m[2];
}

/** The half for `lang` when the message has one in that language (Chinese: has Chinese; English: has none); else null. */
export function inLanguageOnly(message: string, lang: Lang): string | null {
  const text = inLanguage(message, lang);
  return CJK.test(text) === (lang === 'zh') ? text : null;
}

/**
 * A text kept in two fields, Chinese and optional English (plans, questionnaires): the English
 * for an English screen when there is one, else the Chinese. The Chinese is shown as written, not
 * split like a message: a name such as "情绪筛查 (PHQ-9)" is one name.
 */
export function textIn(zh: string, en: string | null | undefined, lang: Lang): string {
  return lang === 'en' && en ? en : zh;
}

/** "中文 (English)" within `max` characters (a column's width); the Chinese alone when both do not fit. */
export function bothLanguages(zh: string, en: string, max: number): string {
  const both = `${zh} (${en})`;
  return both.length <= max ? both : zh.slice(0, max);
}
