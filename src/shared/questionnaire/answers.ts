import type { Answer } from './schema';

/** null, undefined, blank text and an empty selection all mean "not answered". */
export function isAnswered(a: Answer | undefined): a is string | string[] | number {
  if (a === null || a === undefined) return false;
  if (typeof a === 'string') return a.trim() !== '';
  if (Array.isArray(a)) return a.length > 0;
  return typeof a === 'number' && !Number.isNaN(a);
}

/** A number for comparisons: numbers as they are, numeric option values ("0"–"3") parsed. */
export function numericOf(a: Answer | undefined): number | null {
  if (typeof a === 'number') return Number.isFinite(a) ? a : null;
  if (typeof a === 'string' && a.trim() !== '') {
    const n = Number(a);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (the store's date format). */
export function isIsoDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
