import type { Knex } from 'knex';
import { normalisePhone } from '../his/normalise/phones';

export type TermKind = 'id_number' | 'phone' | 'pinyin' | 'name' | 'number';

export function classifyTerm(term: string): TermKind {
  if (/^(\d{17}[\dXx]|\d{15})$/.test(term)) return 'id_number';
  if (/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(term)) return 'phone';
  if (/^[A-Za-z]+$/.test(term)) return 'pinyin';
  if (/[\u3400-\u9fff]/.test(term)) return 'name';
  return 'number';
}

const prefixRange = (q: Knex.QueryBuilder, col: string, prefix: string) => q.where(col, '>=', prefix).andWhere(col, '<', `${prefix}\uffff`);

/**
 * Patient ids (after merges) matching a name, pinyin initials (zs → 张三), ID number or phone.
 * Encounter numbers are matched on the encounter itself, so they return null here.
 */
export async function patientIdsForTerm(knex: Knex, term: string): Promise<number[] | null> {
  const kind = classifyTerm(term);
  let q = knex('patients').select(knex.raw('coalesce(merged_into_patient_id, id) as pid')).limit(2000);
  switch (kind) {
    case 'id_number':
      q = q.where('id_number', term.toUpperCase());
      break;
    case 'phone': {
      const phone = normalisePhone(term);
      q = q.whereIn(
        'id',
        knex('phones')
          .select('patient_id')
          .where('number', phone && phone !== 'invalid' ? phone.number : term),
      );
      break;
    }
    case 'pinyin': {
      const p = term.toLowerCase();
      q = q.where((w) => prefixRange(w, 'name_initials', p).orWhere((o) => prefixRange(o, 'name_pinyin', p)));
      break;
    }
    case 'name':
      q = prefixRange(q, 'name', term);
      break;
    case 'number':
      return null;
  }
  return [...new Set((await q).map((r: { pid: number }) => Number(r.pid)))];
}
