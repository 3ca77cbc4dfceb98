// What a screen in one language must not show of the other: Latin-letter sentences on a Chinese
// screen, Chinese characters on an English one. Used on shipped texts (unit tests) and on what
// the browser shows (test/e2e/language-sweep.spec.ts).

/**
 * Latin words a Chinese screen keeps as they are. Only runs of two or more words count as a
 * sentence, so a lone code or abbreviation never needs a place here; these are the ones that
 * stand next to another Latin word.
 */
export const LATIN_KEPT: { pattern: RegExp; why: string }[] = [
  { pattern: /\bhttps?:\/\/\S+|\bwss?:\/\/\S+/g, why: 'addresses (the PBX WebSocket, hints such as wss://pbx.hospital.local:8089/ws)' },
  { pattern: /\bYYYY-MM(-DD)?( HH:mm(:ss)?)?/g, why: 'date formats shown as placeholders' },
  { pattern: /\bFHIR QuestionnaireResponse\b/g, why: 'the FHIR resource a research export writes, named as the standard names it' },
  {
    pattern: /\b(Increase|Decrease) Value\b/g,
    why: "antd's number input labels its step buttons for screen readers in English, and no prop reaches them (@rc-component/input-number StepHandler)",
  },
];

/** Runs of two or more Latin words (letters only, separated by spaces): a sentence or phrase, not a code. */
export function latinSentences(text: string, kept = LATIN_KEPT): string[] {
  let rest = text;
  for (const k of kept) rest = rest.replace(k.pattern, ' ¦ ');
  const word = "(?<![A-Za-z0-9_./:@-])[A-Za-z][A-Za-z'’]*(?![A-Za-z0-9_./:@'’-])";
  return [...rest.matchAll(new RegExp(`${word}(?:[ \\t]+${word})+`, 'g'))].map((m) => m[0]);
}

const CHINESE = /[\u3000-\u303f\u3400-\u9fff\uff01-\uff60]+/g;

/** Runs of Chinese characters or Chinese (full-width) punctuation. */
export function chineseRuns(text: string): string[] {
  return text.match(CHINESE) ?? [];
}

/**
 * The text with the data (names, departments, diagnoses … as the HIS spells them) taken out.
 * The longest data strings go first, so a name inside a longer one leaves nothing behind.
 */
export function withoutData(text: string, data: Iterable<string>): string {
  let rest = text;
  const sorted = [...new Set(data)].filter((d) => d.length > 0).sort((a, b) => b.length - a.length);
  for (const d of sorted) if (rest.includes(d)) rest = rest.split(d).join(' ¦ ');
  return rest;
}
