// How a diagnosis filter ("C18-C20, 肺癌 I10") splits into terms. Shared so that the finder,
// plan rules (main) and the plan editor's validation (renderer) read the same text the same way.

const DASHES = /\s*[-~－—]\s*/g;
const RANGE = /^([A-Za-z]\d{2})(?:\.[0-9A-Za-z]*)?-([A-Za-z]\d{2})(?:\.[0-9A-Za-z]*)?$/;
const CODE = /^[A-Za-z]\d{2}(\.[0-9A-Za-z]*)?$/;

export type DiagnosisTerm =
  { kind: 'code'; term: string; prefix: string } | { kind: 'range'; term: string; from: string; to: string } | { kind: 'keyword'; term: string };

/** Splits "C00-C97, 肺癌 I10" into terms; ranges may be written with spaces around the dash. */
export function diagnosisTerms(text: string): string[] {
  return text
    .replace(DASHES, '-')
    .split(/[\s,，;；、]+/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/** What one term is: a code prefix (C34, E11.9), a range of 3-character categories, or a word. */
export function parseDiagnosisTerm(raw: string): DiagnosisTerm {
  const term = raw.trim().replace(DASHES, '-');
  const range = RANGE.exec(term);
  if (range) return { kind: 'range', term, from: range[1].toUpperCase(), to: range[2].toUpperCase() };
  if (CODE.test(term)) return { kind: 'code', term, prefix: term.charAt(0).toUpperCase() + term.slice(1) };
  return { kind: 'keyword', term };
}

/**
 * The message for a range written backwards (C99-C00), which would otherwise match nothing and
 * look like "no such patients"; null when the term is not a reversed range.
 */
export function reversedRangeError(raw: string): string | null {
  const t = parseDiagnosisTerm(raw);
  if (t.kind !== 'range' || t.from <= t.to) return null;
  return `诊断范围 ${t.term} 的起止颠倒，应写作 ${t.to}-${t.from} (reversed range ${t.term}: write ${t.to}-${t.from})`;
}

/** The first reversed range in a filter text or a list of terms, as a message; null if none. */
export function firstReversedRange(text: string | string[]): string | null {
  for (const term of typeof text === 'string' ? diagnosisTerms(text) : text.flatMap(diagnosisTerms)) {
    const err = reversedRangeError(term);
    if (err) return err;
  }
  return null;
}

/** A keyword's dictionary key: Latin letters upper-cased (COPD = copd), spaces dropped. */
export const synonymKey = (word: string): string => word.replace(/\s+/g, '').toUpperCase();
