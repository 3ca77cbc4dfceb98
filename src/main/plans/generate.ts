import { addDays, anchorDateFor, pointDates, type ExpandedPoint, type PointDates } from '../../shared/plans/schedule';
import type { Store } from '../store/store';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { beijingDate, beijingTimestamp, type Clock } from '../util/clock';
import { compiledVersions, type CompiledPlan } from './definitions';
import { inGenerationTx, type GroupKey, type PlannedGroup, type PointRow } from './generate-db';

// Task generation is incremental: each active enrolment carries next_generate_on, the day its
// next point's task is due to be created (window start − generateAheadDays). A run reads only
// enrolments whose day has come, creates the tasks whose day has come and moves the date on.
// Enrolments alike in everything the schedule depends on are planned once, as a group.
// The unique key (enrolment, track, point, kind) makes a rerun or a concurrent run harmless.

export interface GenerateCounts {
  enrolmentsScanned: number;
  tasksCreated: number;
  completed: number;
}

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

/** Hands each task due for a group's enrolments to `emit`; returns their next generation day (null: none left). */
function tasksFor(g: GroupKey, plan: CompiledPlan, lib: QuestionnaireLibrary, today: string, emit: (row: PointRow) => void): string | null {
  const ahead = plan.definition.generateAheadDays;
  const anchors = { eventDate: g.anchor_date, admitDate: g.admit_date, treatmentStartDate: g.treatment_start_date };
  let next: string | null = null;
  for (const { track, points } of plan.tracks.values()) {
    // A plan that names where treatment start comes from waits for it rather than guess from
    // the admission: looked at again tomorrow (the HIS event or the team's date may come).
    if (track.anchor === 'treatment_start' && plan.definition.treatmentStart && !g.treatment_start_date) {
      const tomorrow = addDays(today, 1);
      if (next === null || tomorrow < next) next = tomorrow;
      continue;
    }
    const anchor = anchorDateFor(track.anchor, anchors);
    for (const p of points) {
      const d = datesOf(plan, track.id, p, anchor, ahead);
      if (d.windowEnd < g.enrolled_on) continue; // over before the patient was enrolled
      const genOn = d.genOn;
      if (genOn > today) {
        if (next === null || genOn < next) next = genOn;
        break; // points are in date order
      }
      if (genOn < g.next_generate_on) continue; // made by an earlier run
      const critical = p.index === 0 && g.critical === 1;
      const q = p.questionnaire;
      emit([
        track.id,
        p.index,
        p.label,
        d.due,
        d.windowStart,
        d.windowEnd,
        p.channel,
        q?.id ?? null,
        q ? (q.version ?? lib.get(q.id)?.version ?? null) : null,
        JSON.stringify(p.education),
        critical ? 0 : 1,
        critical ? 1 : 0,
        critical ? 'red' : null,
        critical ? '危急值 (critical value at enrolment)' : null,
        p.cycle,
        `${d.windowStart} 00:00:00`,
      ]);
    }
  }
  return next;
}

export async function generateTasks(store: Store, clock: Clock, lib: QuestionnaireLibrary): Promise<GenerateCounts> {
  const today = beijingDate(clock.now());
  const now = beijingTimestamp(clock.now());
  // Most runs find nothing due: they take no write lock.
  if (!(await store.knex('enrolments').where({ status: 'active' }).where('next_generate_on', '<=', today).first('id')))
    return { enrolmentsScanned: 0, tasksCreated: 0, completed: 0 };
  // Every version an enrolment may follow, read before the transaction begins: on SQLite it
  // holds this process's turn to write, and a nurse's write waiting for that turn holds the
  // store's one connection (../store/write-gate.ts). A version made live meanwhile waits a run.
  const plans = await compiledVersions(store.knex, (await store.knex('plan_versions').whereNot('status', 'draft').pluck('id')).map(Number));
  return inGenerationTx(store, async (tx) => {
    const { scanned, groups } = await tx.groups(today);
    const planned: PlannedGroup[] = [];
    for (const key of groups) {
      const plan = plans.get(key.plan_version_id);
      if (!plan) continue;
      const points: PointRow[] = [];
      const next = tasksFor(key, plan, lib, today, (row) => points.push(row));
      planned.push({ key, planId: plan.planId, next, points });
    }
    const tasksCreated = await tx.write(today, now, planned);
    return { enrolmentsScanned: scanned, tasksCreated, completed: 0 };
  });
}

/** An enrolment with every point made and none open is finished. */
export async function completeFinishedEnrolments(store: Store): Promise<number> {
  return store
    .knex('enrolments')
    .where({ status: 'active' })
    .whereNull('next_generate_on')
    .whereNotExists(
      store.knex('tasks').select(store.knex.raw('1')).whereRaw('tasks.enrolment_id = enrolments.id').whereIn('tasks.status', ['pending', 'claimed']),
    )
    .update({ status: 'completed' });
}
