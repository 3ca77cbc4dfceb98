import { addDays, anchorDateFor, pointDates } from '../../shared/plans/schedule';
import { openSyncDb, type Q } from '../his/sync-db';
import type { Store } from '../store/store';
import type { QuestionnaireLibrary } from '../tasks/questionnaire-library';
import { beijingDate, beijingTimestamp, type Clock } from '../util/clock';
import { compiledVersions, type CompiledPlan } from './definitions';

// Task generation is incremental: each active enrolment carries next_generate_on, the day its
// next point's task is due to be created (window start − generateAheadDays). A run reads only
// enrolments whose day has come, creates the tasks whose day has come and moves the date on.
// The unique key (enrolment, track, point, kind) makes a rerun or a concurrent run harmless.

const TASK_COLS = ['kind', 'enrolment_id', 'plan_id', 'plan_version_id', 'patient_id', 'dept_id', 'track_id', 'point_index', 'point_label',
  'due_date', 'window_start', 'window_end', 'channel', 'questionnaire_id', 'questionnaire_version', 'education', 'priority', 'critical',
  'colour', 'priority_reason', 'status', 'available_at', 'retry_count', 'created_at', 'updated_at'] as const;

interface EnrolmentRow {
  id: number; plan_version_id: number; patient_id: number; dept_id: number | null; anchor_date: string; admit_date: string | null;
  treatment_start_date: string | null; enrolled_at: string; next_generate_on: string; critical_count: number | null;
}

export interface GenerateCounts { enrolmentsScanned: number; tasksCreated: number; completed: number }

function tasksFor(e: EnrolmentRow, plan: CompiledPlan, lib: QuestionnaireLibrary, today: string, now: string, out: unknown[][]): string | null {
  const ahead = plan.definition.generateAheadDays;
  const enrolledOn = e.enrolled_at.slice(0, 10);
  const anchors = { eventDate: e.anchor_date, admitDate: e.admit_date, treatmentStartDate: e.treatment_start_date };
  let next: string | null = null;
  for (const { track, points } of plan.tracks.values()) {
    const anchor = anchorDateFor(track.anchor, anchors);
    for (const p of points) {
      const d = pointDates(anchor, p);
      if (d.windowEnd < enrolledOn) continue; // over before the patient was enrolled
      const genOn = addDays(d.windowStart, -ahead);
      if (genOn > today) {
        if (next === null || genOn < next) next = genOn;
        break; // points are in date order
      }
      if (genOn < e.next_generate_on) continue; // made by an earlier run
      const critical = p.index === 0 && Number(e.critical_count ?? 0) > 0;
      const q = p.questionnaire;
      out.push(['followup', e.id, plan.planId, plan.planVersionId, e.patient_id, e.dept_id, track.id, p.index, p.label, d.due, d.windowStart, d.windowEnd,
        p.channel, q?.id ?? null, q ? (q.version ?? lib.get(q.id)?.version ?? null) : null, JSON.stringify(p.education),
        critical ? 0 : 1, critical ? 1 : 0, critical ? 'red' : null, critical ? '危急值 (critical value at enrolment)' : null,
        'pending', `${d.windowStart} 00:00:00`, 0, now, now]);
    }
  }
  return next;
}

async function insertTasks(q: Q, dialect: 'sqlite' | 'pg', rows: unknown[][]): Promise<number> {
  const one = `(${TASK_COLS.map(() => '?').join(',')})`;
  const head = `insert into tasks (${TASK_COLS.join(',')}) values `;
  const tail = ' on conflict (enrolment_id, track_id, point_index, kind) do nothing returning id';
  let created = 0;
  if (dialect === 'sqlite') {
    for (const r of rows) created += (await q.all(head + one + tail, r)).length;
    return created;
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const part = rows.slice(i, i + 1000);
    created += (await q.all(head + part.map(() => one).join(',') + tail, part.flat())).length;
  }
  return created;
}

async function moveOn(q: Q, dialect: 'sqlite' | 'pg', updates: [number, string | null][]): Promise<void> {
  if (dialect === 'sqlite') {
    for (const [id, next] of updates) await q.run('update enrolments set next_generate_on = ? where id = ?', [next, id]);
    return;
  }
  for (let i = 0; i < updates.length; i += 2000) {
    const part = updates.slice(i, i + 2000);
    await q.run(`update enrolments as en set next_generate_on = v.d from (values ${part.map(() => '(?::int, ?::text)').join(',')}) as v(id, d) where en.id = v.id`,
      part.flat());
  }
}

export async function generateTasks(store: Store, clock: Clock, lib: QuestionnaireLibrary): Promise<GenerateCounts> {
  const today = beijingDate(clock.now());
  const now = beijingTimestamp(clock.now());
  const db = openSyncDb(store);
  try {
    // Plans are compiled before the write transaction (it reads through the store's own connection).
    const versionIds = (await store.knex('enrolments').where({ status: 'active' }).where('next_generate_on', '<=', today).distinct('plan_version_id'))
      .map((r: { plan_version_id: number }) => Number(r.plan_version_id));
    const plans = await compiledVersions(store.knex, versionIds);
    return await db.transaction(async (q) => {
      const due = await q.all<EnrolmentRow>(
        `select en.id, en.plan_version_id, en.patient_id, en.dept_id, en.anchor_date, en.admit_date, en.treatment_start_date, en.enrolled_at,
           en.next_generate_on, enc.critical_count
         from enrolments en left join encounters enc on enc.id = en.anchor_encounter_id
         where en.status = 'active' and en.next_generate_on <= ?`, [today]);
      const rows: unknown[][] = [];
      const updates: [number, string | null][] = [];
      for (const e of due) {
        const plan = plans.get(Number(e.plan_version_id));
        if (!plan) continue;
        updates.push([Number(e.id), tasksFor(e, plan, lib, today, now, rows)]);
      }
      const tasksCreated = await insertTasks(q, db.dialect, rows);
      await moveOn(q, db.dialect, updates);
      return { enrolmentsScanned: due.length, tasksCreated, completed: 0 };
    });
  } finally {
    await db.close();
  }
}

/** An enrolment with every point made and none open is finished. */
export async function completeFinishedEnrolments(store: Store): Promise<number> {
  return store.knex('enrolments')
    .where({ status: 'active' }).whereNull('next_generate_on')
    .whereNotExists(store.knex('tasks').select(store.knex.raw('1')).whereRaw('tasks.enrolment_id = enrolments.id').whereIn('tasks.status', ['pending', 'claimed']))
    .update({ status: 'completed' });
}
