import type { Knex } from 'knex';
import type { TreatmentStart } from '../../shared/plans/schema';
import { resolveDiagnosisCodes } from '../diagnoses/diagnosis-filter';
import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import type { Store } from '../store/store';
import { beijingTimestamp, type Clock } from '../util/clock';
import { compiledVersions } from './definitions';
import { applyTreatmentStart, type EnrolmentRow } from './treatment-start';

// The HIS side of 治疗开始日: after each sync, an active enrolment whose plan names a treatment
// event (plan.treatmentStart: e.g. the first stay with main diagnosis Z51.1 化疗 / Z51.0 放疗)
// takes the admission date of the first such encounter on or after its own admission. A date
// the team entered is never overwritten. A stay recorded later that starts earlier (a late
// sync) moves the date back, and the open tasks with it.

const ENROLMENT_COLS = [
  'en.id',
  'en.patient_id',
  'en.status',
  'en.anchor_date',
  'en.admit_date',
  'en.treatment_start_date',
  'en.treatment_start_source',
  'en.treatment_start_encounter_id',
];

/** The first qualifying encounter per enrolment of one plan version (or of one enrolment). */
export async function hisTreatmentStarts(
  knex: Knex,
  rule: TreatmentStart,
  where: { planVersionId: number } | { enrolmentId: number },
  synonyms?: DiagnosisSynonyms,
): Promise<Map<number, { row: EnrolmentRow; date: string; encounterId: number }>> {
  const out = new Map<number, { row: EnrolmentRow; date: string; encounterId: number }>();
  const codes = await resolveDiagnosisCodes(knex, rule.icd10.join(' '), synonyms);
  if (!codes.length) return out;
  let q = knex('enrolments as en')
    .join('encounters as x', 'x.patient_id', 'en.patient_id')
    .where('x.kind', rule.encounterKind)
    .whereNotIn('x.status', ['cancelled', 'booked'])
    .whereIn('x.main_diag_code', codes)
    .whereRaw('coalesce(x.admit_date, x.event_date) >= coalesce(en.admit_date, en.anchor_date)');
  q = 'enrolmentId' in where ? q.where('en.id', where.enrolmentId) : q.where({ 'en.plan_version_id': where.planVersionId, 'en.status': 'active' });
  const rows = await q
    .select(...ENROLMENT_COLS, knex.raw('coalesce(x.admit_date, x.event_date) as start'), 'x.id as enc_id')
    .orderBy([{ column: 'en.id' }, { column: 'start' }, 'x.id']);
  for (const r of rows) {
    const id = Number(r.id);
    if (out.has(id)) continue;
    out.set(id, { row: toRow(r), date: String(r.start), encounterId: Number(r.enc_id) });
  }
  return out;
}

const toRow = (r: Record<string, unknown>): EnrolmentRow => ({
  id: Number(r.id),
  patient_id: Number(r.patient_id),
  status: String(r.status),
  anchor_date: String(r.anchor_date),
  admit_date: (r.admit_date as string) ?? null,
  treatment_start_date: (r.treatment_start_date as string) ?? null,
  treatment_start_source: (r.treatment_start_source as EnrolmentRow['treatment_start_source']) ?? null,
  treatment_start_encounter_id: r.treatment_start_encounter_id == null ? null : Number(r.treatment_start_encounter_id),
});

/** Sets the HIS treatment start of every active enrolment that has none from the team; returns how many changed. */
export async function resolveTreatmentStarts(store: Store, clock: Clock, synonyms?: DiagnosisSynonyms): Promise<number> {
  const { knex } = store;
  const at = beijingTimestamp(clock.now());
  const versionIds = (await knex('enrolments').where({ status: 'active' }).distinct('plan_version_id').pluck('plan_version_id')).map(Number);
  let changed = 0;
  for (const plan of (await compiledVersions(knex, versionIds)).values()) {
    const rule = plan.definition.treatmentStart;
    if (!rule) continue;
    const found = await hisTreatmentStarts(knex, rule, { planVersionId: plan.planVersionId }, synonyms);
    for (const { row, date, encounterId } of found.values()) {
      if (row.treatment_start_source === 'manual') continue;
      if (row.treatment_start_date === date && row.treatment_start_encounter_id === encounterId) continue;
      await knex.transaction((trx) => applyTreatmentStart(trx, row, plan, { date, source: 'his', encounterId, setBy: null, at }));
      changed++;
    }
  }
  return changed;
}
