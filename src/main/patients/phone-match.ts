import type { Knex } from 'knex';
import { normalisePhone } from '../his/normalise/phones';

// Numbers are stored normalised (mobile: 11 digits; landline: 0AA-NNNNNNNN); a caller ID or a
// dialled number may carry +86, no separator, or no area code for a local landline.

export function candidateNumbers(raw: string): { exact: string[]; localLandline: string | null } {
  const digits = raw.replace(/[^\d+]/g, '');
  const n = normalisePhone(digits);
  const exact = new Set<string>([digits]);
  if (n && n !== 'invalid') exact.add(n.number);
  // 0AA + 7–8 digits without the dash: try every split of the area code.
  const plain = digits.replace(/^(\+|00)86/, '');
  if (/^0\d{9,11}$/.test(plain)) for (const len of [3, 4]) exact.add(`${plain.slice(0, len)}-${plain.slice(len)}`);
  return { exact: [...exact], localLandline: /^\d{7,8}$/.test(plain) ? plain : null };
}

/** Matches a stored phone column to a dialled or calling number, written any of those ways. */
export function numberMatches(column: string, raw: string): (w: Knex.QueryBuilder) => void {
  const { exact, localLandline } = candidateNumbers(raw);
  return (w) => {
    w.whereIn(column, exact);
    // A local landline without its area code.
    if (localLandline) w.orWhere(column, 'like', `%-${localLandline}`);
  };
}
