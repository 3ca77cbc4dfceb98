import type { Knex } from 'knex';
import type { FindInput } from '../../shared/contract';
import type { FindResult, PatientRow, Role } from '../../shared/model';
import { DISCHARGED } from '../../shared/stay-status';
import { canSeeFullPhone, maskPhone } from '../auth/permissions';
import type { Store } from '../store/store';
import { ageOn } from '../util/clock';
import { resolveDiagnosisCodes } from '../diagnoses/diagnosis-filter';
import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import { patientIdsForTerm } from './query-term';

type Parsed = Required<Pick<FindInput, 'sort' | 'order' | 'page' | 'pageSize'>> & FindInput;

const SORT_COLUMNS = {
  eventDate: ['e.event_date', 'e.id'],
  admitDate: ['e.admit_date', 'e.id'],
  // Chinese names and departments sort by pinyin, as users expect, not by code point.
  name: ['p.name_pinyin', 'p.name', 'e.id'],
  dept: ['d.name_pinyin', 'e.event_date', 'e.id'],
} as const;

/** Past this many matches a date-ordered index scan beats sorting every match. */
const SCAN_BY_DATE_ABOVE = 3000;

/** The finder's WHERE as a function of a query on `encounters as e`; null when nothing can match. */
export async function filtered(knex: Knex, input: FindInput, synonyms?: DiagnosisSynonyms): Promise<((q: Knex.QueryBuilder) => Knex.QueryBuilder) | null> {
  const codes = input.diagnosis ? await resolveDiagnosisCodes(knex, input.diagnosis, synonyms) : null;
  if (codes && codes.length === 0) return null;
  const term = input.query?.trim();
  const patientIds = term ? await patientIdsForTerm(knex, term) : null;
  if (patientIds && patientIds.length === 0) return null;
  return (q) => {
    const kind = input.kind ?? 'inpatient';
    // Inpatients are discharges: a stay still under way (or cancelled) is nobody to call yet.
    q = kind === 'inpatient' ? q.where('e.kind', kind).where('e.status', DISCHARGED) : q.where('e.kind', kind).whereNot('e.status', 'cancelled');
    if (input.deptIds?.length) q = q.whereIn('e.dept_id', input.deptIds);
    if (codes) q = q.whereIn('e.main_diag_code', codes);
    if (input.eventDate?.from) q = q.where('e.event_date', '>=', input.eventDate.from);
    if (input.eventDate?.to) q = q.where('e.event_date', '<=', input.eventDate.to);
    if (input.admitted?.from) q = q.where('e.admit_date', '>=', input.admitted.from);
    if (input.admitted?.to) q = q.where('e.admit_date', '<=', input.admitted.to);
    if (patientIds) q = q.whereIn('e.patient_id', patientIds);
    else if (term) q = q.where('e.encounter_no', term);
    return q;
  };
}

export async function findPatients(store: Store, input: Parsed, role: Role, synonyms?: DiagnosisSynonyms): Promise<FindResult> {
  const { knex } = store;
  const empty = { total: 0, page: input.page, pageSize: input.pageSize, rows: [] };
  const apply = await filtered(knex, input, synonyms);
  if (!apply) return empty;
  const [{ n }] = await apply(knex('encounters as e')).count({ n: '*' });
  const total = Number(n);
  if (total === 0) return empty;
  const scanByDate = store.dialect === 'sqlite' && input.sort === 'eventDate' && total > SCAN_BY_DATE_ABOVE && !input.deptIds?.length && !input.query;
  const from = scanByDate ? knex.raw('encounters as e indexed by encounters_kind_date') : 'encounters as e';
  // The page's ids first, from the encounters index alone; names, departments and phones are
  // then read for those 50 rows only, not for every match before the sort.
  let page = apply(knex(from as unknown as string)).select('e.id');
  if (input.sort === 'name') page = page.join('patients as p', 'p.id', 'e.patient_id');
  if (input.sort === 'dept') page = page.leftJoin('departments as d', 'd.id', 'e.dept_id');
  for (const col of SORT_COLUMNS[input.sort]) page = page.orderBy(col, input.order);
  const ids = (await page.limit(input.pageSize).offset((input.page - 1) * input.pageSize)).map((r: { id: number }) => Number(r.id));
  return { total, page: input.page, pageSize: input.pageSize, rows: await patientRows(knex, ids, role) };
}

/** The finder's row for each encounter id, in the order given; phones masked for the role. */
export async function patientRows(knex: Knex, ids: number[], role: Role): Promise<PatientRow[]> {
  const details = await knex('encounters as e')
    .join('patients as p', 'p.id', 'e.patient_id')
    .leftJoin('departments as d', 'd.id', 'e.dept_id')
    .whereIn('e.id', ids)
    .select(
      'e.id',
      'e.patient_id',
      'e.kind',
      'p.name',
      'p.gender_code',
      'p.birth_date',
      'd.name as dept_name',
      'e.encounter_no',
      'e.admit_date',
      'e.event_date',
      'e.main_diag_code',
      'e.main_diag_name',
      'e.discharge_mode_code',
      'e.status',
      'e.critical_count',
      knex('phones as ph')
        .select('ph.number')
        .whereRaw('ph.patient_id = e.patient_id')
        .andWhere('ph.wrong_number', 0)
        .orderBy([{ column: 'ph.role', order: 'desc' }, { column: 'ph.success_count', order: 'desc' }, 'ph.id'])
        .limit(1)
        .as('phone'),
    );
  const byId = new Map(details.map((r: Record<string, unknown>) => [Number(r.id), r]));
  const rows = ids.map((id: number) => byId.get(id)).filter(Boolean) as Record<string, unknown>[];
  const fullPhone = canSeeFullPhone(role);
  return rows.map((r: Record<string, unknown>): PatientRow => ({
    encounterId: Number(r.id),
    patientId: Number(r.patient_id),
    kind: r.kind as PatientRow['kind'],
    name: r.name as string,
    genderCode: r.gender_code as string,
    age: ageOn(r.birth_date as string | null, r.event_date as string),
    deptName: (r.dept_name as string) ?? null,
    encounterNo: (r.encounter_no as string) ?? null,
    admitDate: (r.admit_date as string) ?? null,
    eventDate: r.event_date as string,
    mainDiagCode: (r.main_diag_code as string) ?? null,
    mainDiagName: (r.main_diag_name as string) ?? null,
    dischargeModeCode: (r.discharge_mode_code as string) ?? null,
    status: r.status as string,
    phone: fullPhone ? ((r.phone as string) ?? null) : maskPhone((r.phone as string) ?? null),
    criticalCount: Number(r.critical_count),
  }));
}
