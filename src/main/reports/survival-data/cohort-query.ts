import type { Knex } from 'knex';
import { isDischarged } from '../../../shared/stay-status';
import type { EncounterFact, EnrolmentFact, PersonFacts } from './facts';

export interface CohortFilter {
  planIds?: number[];
  /** Enrolment departments; undefined = every department (and enrolments without one). */
  deptIds?: number[];
}

// A person is a patient with the HIS records merged into him (patients.merged_into_patient_id).
const PERSON = 'coalesce(p.merged_into_patient_id, p.id)';

function enrolmentsIn(knex: Knex, f: CohortFilter): Knex.QueryBuilder {
  let q = knex('enrolments as en').join('patients as p', 'p.id', 'en.patient_id');
  if (f.planIds?.length) q = q.whereIn('en.plan_id', f.planIds);
  if (f.deptIds) q = q.whereIn('en.dept_id', f.deptIds);
  return q;
}

/** Ids of every patient row that belongs to a person of the cohort. */
function memberRows(knex: Knex, f: CohortFilter): Knex.QueryBuilder {
  const persons = enrolmentsIn(knex, f).select(knex.raw(`${PERSON} as person`));
  return knex('patients as p').select('p.id').whereRaw(`${PERSON} in (?)`, [persons]);
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

/**
 * Everything survival analysis needs about the patients enrolled in the filter's plans and
 * departments (any enrolment status: stopped plans of the dead and the lost are the point), in a
 * handful of queries that scan each table once for the whole cohort.
 */
export async function loadCohortFacts(knex: Knex, f: CohortFilter): Promise<PersonFacts[]> {
  if (f.deptIds && f.deptIds.length === 0) return [];
  const persons = new Map<number, PersonFacts>();
  const personOf = (id: unknown) => {
    const key = Number(id);
    let facts = persons.get(key);
    if (!facts)
      persons.set(
        key,
        (facts = { person: key, enrolments: [], encounters: [], lastAnsweredCall: null, lastFollowUpDone: null, deceased: false, deathDate: null }),
      );
    return facts;
  };

  const enrolments = await enrolmentsIn(knex, f)
    .leftJoin('encounters as ae', 'ae.id', 'en.anchor_encounter_id')
    .select(knex.raw(`${PERSON} as person`), 'en.plan_id', 'en.dept_id', 'en.anchor_date', 'en.treatment_start_date', 'ae.main_diag_category')
    .orderBy([{ column: 'en.anchor_date' }, { column: 'en.id' }]);
  for (const r of enrolments)
    personOf(r.person).enrolments.push({
      planId: Number(r.plan_id),
      deptId: r.dept_id === null ? null : Number(r.dept_id),
      anchorDate: String(r.anchor_date),
      treatmentStartDate: str(r.treatment_start_date),
      anchorCategory: str(r.main_diag_category),
    } satisfies EnrolmentFact);

  const members = () => memberRows(knex, f);
  const encounters = await knex('encounters as e')
    .join('patients as p', 'p.id', 'e.patient_id')
    .whereIn('e.patient_id', members())
    .whereNot('e.status', 'cancelled')
    .select(
      knex.raw(`${PERSON} as person`),
      'e.kind',
      'e.status',
      'e.admit_date',
      'e.event_date',
      'e.discharge_mode_code',
      'e.main_diag_code',
      'e.main_diag_category',
    );
  for (const r of encounters)
    persons.get(Number(r.person))?.encounters.push({
      kind: r.kind,
      admitDate: str(r.admit_date),
      eventDate: String(r.event_date),
      dischargeMode: str(r.discharge_mode_code),
      discharged: r.kind === 'inpatient' && isDischarged(r.status),
      diagCode: str(r.main_diag_code),
      diagCategory: str(r.main_diag_category),
    } satisfies EncounterFact);

  const calls = await knex('attempts as a')
    .join('patients as p', 'p.id', 'a.patient_id')
    .join('tasks as t', 't.id', 'a.task_id')
    .whereIn('a.patient_id', members())
    .where('a.outcome', 'connected')
    .where((w) => w.whereNull('t.disposition').orWhereNot('t.disposition', 'deceased'))
    .groupBy(knex.raw(PERSON))
    .select(knex.raw(`${PERSON} as person`), knex.raw('max(substr(a.started_at, 1, 10)) as day'));
  for (const r of calls) {
    const p = persons.get(Number(r.person));
    if (p) p.lastAnsweredCall = str(r.day);
  }

  const done = await knex('tasks as t')
    .join('patients as p', 'p.id', 't.patient_id')
    .whereIn('t.patient_id', members())
    .where('t.status', 'done')
    .whereIn('t.disposition', ['completed', 'refused'])
    .whereIn('t.kind', ['followup', 'callback'])
    .groupBy(knex.raw(PERSON))
    .select(knex.raw(`${PERSON} as person`), knex.raw('max(substr(t.completed_at, 1, 10)) as day'));
  for (const r of done) {
    const p = persons.get(Number(r.person));
    if (p) p.lastFollowUpDone = str(r.day);
  }

  const deaths = await knex('patients as p')
    .whereIn('p.id', members())
    .where((w) => w.where('p.deceased', 1).orWhere('p.vital_status', 'deceased').orWhereNotNull('p.death_date'))
    .select(knex.raw(`${PERSON} as person`), 'p.death_date');
  for (const r of deaths) {
    const p = persons.get(Number(r.person));
    if (!p) continue;
    p.deceased = true;
    const day = str(r.death_date);
    if (day !== null && (p.deathDate === null || day < p.deathDate)) p.deathDate = day;
  }
  return [...persons.values()];
}
