import type { IdNumberProblem } from '../../../shared/id-number-problem';
import { idCheckChar, parseIdNumber, type ParsedIdNumber } from './id-number';

/**
 * What is wrong with an ID number, or null for a valid 18-digit one. A valid legacy 15-digit
 * number is still flagged: it has no check digit, so a typo in it goes unnoticed, and its
 * holder has had an 18-digit number since 2004.
 */
export function idNumberProblem(raw: string | null | undefined): IdNumberProblem | null {
  return problemOf(parseIdNumber(raw));
}

/** The same for a number already parsed (the sync parses each one once). */
export function problemOf(id: ParsedIdNumber | null): IdNumberProblem | null {
  if (!id) return 'missing';
  if (id.valid && id.kind === '18') return null;
  const n = id.normalized;
  if (n.length !== 15 && n.length !== 18) return 'length';
  if (!(n.length === 15 ? /^\d{15}$/ : /^\d{17}[\dX]$/).test(n)) return 'characters';
  if (id.kind === '15') return id.valid ? 'legacy_15' : 'birth_date';
  // The check digit is what a mistyped digit usually breaks; an impossible birth date under a
  // right check digit is the rarer case of a number made up to pass the check.
  return idCheckChar(n.slice(0, 17)) === n[17] ? 'birth_date' : 'check_digit';
}
