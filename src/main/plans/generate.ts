import { addDays, anchorDateFor, pointDates, type ExpandedPoint, type PointDates } from '../../shared/plans/schedule';
import type { Store } from '../store/store';
import type { QuestionnaireLibrary } from '../tasks/questionnaire-library';
import { beijingDate, beijingTimestamp, type Clock } from '../util/clock';
import { compiledVersions, type CompiledPlan } from './definitions';
import { inGenerationTx, type EnrolmentRow } from './generate-db';

// Task generation is incremental: each active enrolment carries next_generate_on, the day its
// next point's task is due to be created (window start − generateAheadDays). A run reads only
// enrolments whose day has come, creates the tasks whose day has come and moves the date on.
// The unique key (enrolment, track, point, kind) makes a rerun or a concurrent run harmless.

export interface GenerateCounts { enrolmentsScanned: number; tasksCreated: number; completed: number }

// Many enrolments share an anchor date (one discharge day), so a point's dates are computed
// once per (plan version, track, point, anchor date).
const dateCache = new Map<string, PointDates & { genOn: string }>();
function datesOf(plan: CompiledPlan, trackId: string, p: ExpandedPoint, anchor: string, ahead: number) {
  const key = `${plan.planVersionId}|${trackId}|${p.index}|${anchor}`;
  let d = dateCache.get(key);
  if (!d) {
    if (dateCache.size > 200_000) dateCache.clear();
    const pd = pointDates(anchor, p);
    dateCache.set(key, (d = { ...pd, genOn: addDays(pd.windowStart, -ahead) }));
  }
  return d;
}

/** Hands each due task to `emit`; returns the enrolment's next generation day (null: none left). */
async function tasksFor(e: EnrolmentRow, plan: CompiledPlan, lib: QuestionnaireLibrary, today: string, now: string, emit: (row: unknown[]) => void | Promise<void>): Promise<string | null> {
  const ahead = plan.definition.generateAheadDays;
  const enrolledOn = e.enrolled_at.slice(0, 10);
  const anchors = { eventDate: e.anchor_date, admitDate: e.admit_date, treatmentStartDate: e.treatment_start_date };
  let next: string | null = null;
  for (const { track, points } of plan.tracks.values()) {
    const anchor = anchorDateFor(track.anchor, anchors);
    for (const p of points) {
      const d = datesOf(plan, track.id, p, anchor, ahead);
      if (d.windowEnd < enrolledOn) continue; // over before the patient was enrolled
      const genOn = d.genOn;
      if (genOn > today) {
        if (next === null || genOn < next) next = genOn;
        break; // points are in date order
      }
      if (genOn < e.next_generate_on) continue; // made by an earlier run
      const critical = p.index === 0 && e.critical_anchor;
      const q = p.questionnaire;
      await emit(['followup', e.id, plan.planId, plan.planVersionId, e.patient_id, e.dept_id, track.id, p.index, p.label, d.due, d.windowStart, d.windowEnd,
        p.channel, q?.id ?? null, q ? (q.version ?? lib.get(q.id)?.version ?? null) : null, JSON.stringify(p.education),
        critical ? 0 : 1, critical ? 1 : 0, critical ? 'red' : null, critical ? '危急值 (critical value at enrolment)' : null,
        'pending', `${d.windowStart} 00:00:00`, 0, now, now]);
    }
  }
  return next;
}

export async function generateTasks(store: Store, clock: Clock, lib: QuestionnaireLibrary): Promise<GenerateCounts> {
  const today = beijingDate(clock.now());
  const now = beijingTimestamp(clock.now());
  // Plans are compiled before the write transaction (it reads through the store's own connection).
  const versionIds = (await store.knex('enrolments').where({ status: 'active' }).where('next_generate_on', '<=', today).distinct('plan_version_id'))
    .map((r: { plan_version_id: number }) => Number(r.plan_version_id));
  if (!versionIds.length) return { enrolmentsScanned: 0, tasksCreated: 0, completed: 0 };
  const plans = await compiledVersions(store.knex, versionIds);
  return inGenerationTx(store, async (tx) => {
    const due = await tx.due(today);
    for (const e of due) {
      const plan = plans.get(Number(e.plan_version_id));
      if (plan) await tx.moveOn(Number(e.id), await tasksFor(e, plan, lib, today, now, (row) => tx.insertTask(row)));
    }
    const tasksCreated = await tx.finish();
    return { enrolmentsScanned: due.length, tasksCreated, completed: 0 };
  });
}

/** An enrolment with every point made and none open is finished. */
export async function completeFinishedEnrolments(store: Store): Promise<number> {
  return store.knex('enrolments')
    .where({ status: 'active' }).whereNull('next_generate_on')
    .whereNotExists(store.knex('tasks').select(store.knex.raw('1')).whereRaw('tasks.enrolment_id = enrolments.id').whereIn('tasks.status', ['pending', 'claimed']))
    .update({ status: 'completed' });
}
