// Messages from main are written once for both languages, "中文 (English)" (ApiError's
// convention). A screen shows the half in its own language.

const CJK = /[\u3400-\u9fff]/;

/** The Chinese or the English half of "中文 (English)"; any other message as it is. */
export function inLanguage(message: string, lang: 'zh' | 'en'): string {
  const m = /^(.+?) \((.+)\)$/s.exec(message);
  if (!m || !CJK.test(m[1]) || CJK.test(m[2])) return message;
  return lang === 'zh' ? m[1] : m[2];
}
