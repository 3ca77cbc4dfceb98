import type { Knex } from 'knex';
import { numberMatches } from '../patients/phone-match';
import { normalisePhone } from '../his/normalise/phones';
import { classifyTerm } from '../patients/query-term';

export interface DialledPhone {
  number: string;
  kind: 'mobile' | 'landline';
  known: boolean;
}

/**
 * The patient's phone a dial went to, so its counts are updated instead of a copy being added.
 * Phones are stored normalised (mobile: 11 digits; landline: 0AA-NNNNNNNN), and the dialled
 * number may carry +86, spaces, or no area-code dash: it is matched as the screen pop matches a
 * caller (candidateNumbers, which also tries both splits of 010/0AAA written without the dash,
 * where normalisePhone alone would guess one). A new number is kept normalised as the HIS sync
 * does; what cannot be normalised (an extension) is kept as dialled, without spaces and dashes.
 */
export async function dialledPhone(knex: Knex, patientId: number, raw: string): Promise<DialledPhone> {
  const n = normalisePhone(raw);
  const normal = n && n !== 'invalid' ? n : null;
  const stored = (await knex('phones').where({ patient_id: patientId }).where(numberMatches('number', raw)).orderBy('id').select('number', 'kind')) as {
    number: string;
    kind: DialledPhone['kind'];
  }[];
  const hit = stored.find((p) => p.number === normal?.number) ?? stored[0];
  if (hit) return { number: hit.number, kind: hit.kind, known: true };
  if (normal) return { ...normal, known: false };
  const number = raw.replace(/[\s-]/g, '');
  return { number, kind: classifyTerm(number) === 'phone' && number.startsWith('1') ? 'mobile' : 'landline', known: false };
}
