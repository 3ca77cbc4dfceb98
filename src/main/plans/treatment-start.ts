import type { Knex } from 'knex';
import type { TreatmentStartInfo } from '../../shared/contract/treatment-start';
import { anchorDateFor, pointDates } from '../../shared/plans/schedule';
import type { CompiledPlan } from './definitions';
import { NEVER_GENERATED } from './enrol';

// 治疗开始日: the date tracks anchored on treatment_start count from. It comes from a HIS
// event the plan names (treatment-start-his.ts) or from a date the team enters; the team's
// date wins. When it changes, the enrolment's open tasks on those tracks move with it (done,
// satisfied or unreachable ones never move) and the generator walks the enrolment again, so
// points the new date brings forward are created and existing ones are left alone.

export type TreatmentStartSource = 'his' | 'manual';

export interface EnrolmentRow {
  id: number;
  patient_id: number;
  status: string;
  anchor_date: string;
  admit_date: string | null;
  treatment_start_date: string | null;
  treatment_start_source: TreatmentStartSource | null;
  treatment_start_encounter_id: number | null;
}

export interface TreatmentStartChange {
  date: string | null;
  source: TreatmentStartSource | null;
  encounterId: number | null;
  setBy: number | null;
  at: string;
}

/** Tracks whose points count from the treatment start. */
const treatmentTracks = (plan: CompiledPlan) => [...plan.tracks.values()].filter((t) => t.track.anchor === 'treatment_start');

export const usesTreatmentStart = (plan: CompiledPlan): boolean => treatmentTracks(plan).length > 0;

/** Records a new treatment start on an enrolment and re-anchors its open tasks; returns the tasks moved. */
export async function applyTreatmentStart(trx: Knex, en: EnrolmentRow, plan: CompiledPlan, change: TreatmentStartChange): Promise<number> {
  await trx('enrolments')
    .where({ id: en.id })
    .update({
      treatment_start_date: change.date,
      treatment_start_source: change.source,
      treatment_start_encounter_id: change.encounterId,
      treatment_start_set_by: change.setBy,
      treatment_start_set_at: change.source ? change.at : null,
    });
  if (change.date === en.treatment_start_date) return 0;
  // A plan that names its treatment event has no fallback date: tasks made from an earlier date
  // stay where they are until a new one is known.
  const anchorDate =
    change.date || !plan.definition.treatmentStart
      ? anchorDateFor('treatment_start', { eventDate: en.anchor_date, admitDate: en.admit_date, treatmentStartDate: change.date })
      : null;
  let moved = 0;
  if (anchorDate) {
    for (const { track, points } of treatmentTracks(plan)) {
      const open = await trx('tasks')
        .where({ enrolment_id: en.id, track_id: track.id, kind: 'followup' })
        .whereIn('status', ['pending', 'claimed'])
        .select('id', 'point_index', 'retry_count', 'callback_at');
      for (const t of open) {
        const p = points[Number(t.point_index)];
        if (!p) continue;
        const d = pointDates(anchorDate, p);
        // A task waiting for a retry or a callback keeps its time; a fresh one opens with its window.
        const fresh = Number(t.retry_count) === 0 && !t.callback_at;
        moved += await trx('tasks')
          .where({ id: t.id })
          .whereIn('status', ['pending', 'claimed'])
          .update({
            due_date: d.due,
            window_start: d.windowStart,
            window_end: d.windowEnd,
            ...(fresh ? { available_at: `${d.windowStart} 00:00:00` } : {}),
            updated_at: change.at,
          });
      }
    }
  }
  if (en.status === 'active') await trx('enrolments').where({ id: en.id }).update({ next_generate_on: NEVER_GENERATED });
  return moved;
}

/** What the follow-up page shows about an enrolment's treatment start; null when no track uses it. */
export async function treatmentStartInfo(knex: Knex, enrolmentId: number, plan: CompiledPlan): Promise<TreatmentStartInfo | null> {
  if (!usesTreatmentStart(plan)) return null;
  const en = await knex('enrolments as en')
    .leftJoin('encounters as x', 'x.id', 'en.treatment_start_encounter_id')
    .leftJoin('departments as d', 'd.id', 'x.dept_id')
    .leftJoin('users as u', 'u.id', 'en.treatment_start_set_by')
    .where('en.id', enrolmentId)
    .first(
      'en.treatment_start_date',
      'en.treatment_start_source',
      'en.treatment_start_set_at',
      'u.display_name as set_by',
      'x.id as enc_id',
      'x.kind as enc_kind',
      'x.admit_date as enc_admit',
      'x.event_date as enc_date',
      'x.main_diag_code',
      'x.main_diag_name',
      'd.name as dept_name',
    );
  const rule = plan.definition.treatmentStart;
  return {
    enrolmentId,
    date: en?.treatment_start_date ?? null,
    source: en?.treatment_start_source ?? null,
    setBy: en?.set_by ?? null,
    setAt: en?.treatment_start_set_at ?? null,
    encounter: en?.enc_id
      ? {
          id: Number(en.enc_id),
          kind: en.enc_kind,
          date: en.enc_admit ?? en.enc_date,
          deptName: en.dept_name ?? null,
          diagCode: en.main_diag_code ?? null,
          diagName: en.main_diag_name ?? null,
        }
      : null,
    rule: rule ? { encounterKind: rule.encounterKind, icd10: rule.icd10 } : null,
  };
}
