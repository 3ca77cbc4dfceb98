import type { Knex } from 'knex';
import { patientIdsForTerm } from '../patients/query-term';

/**
 * The patients a queue search names: a name, pinyin initials (zs → 张三), a phone or an ID number,
 * as the finder reads them (src/main/patients/query-term.ts); other digits are an encounter number
 * (住院号 / 门诊号), which nurses read off a discharge list. Surviving ids after merges, like tasks.
 */
export async function patientsForSearch(knex: Knex, search: string): Promise<number[]> {
  const term = search.trim();
  const ids = await patientIdsForTerm(knex, term);
  if (ids !== null) return ids;
  const rows = await knex('encounters as e')
    .join('patients as p', 'p.id', 'e.patient_id')
    .where('e.encounter_no', term)
    .limit(2000)
    .select(knex.raw('coalesce(p.merged_into_patient_id, p.id) as pid'));
  return [...new Set(rows.map((r: { pid: number }) => Number(r.pid)))];
}
