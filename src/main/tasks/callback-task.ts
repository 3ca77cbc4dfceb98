import type { Knex } from 'knex';
import { compiledVersions } from '../plans/definitions';
import { joinTransaction } from '../store/in-transaction';
import type { Store } from '../store/store';
import { beijingTimestamp, type Clock } from '../util/clock';
import { tasksOfPatients } from './patient-tasks';
import { addBeijingMinutes } from '../../shared/beijing-time';

// Callback tasks for missed incoming calls, in the shape complete.ts gives a callback the
// patient asked for: pending, callback_at set, kept for one nurse until visible_to_team_at
// (or the team's at once). Due now: the patient has just tried to reach us.

/** Track id of callback tasks; the missed call's id is their point, one task per call at most. */
const CALLBACK_TRACK = 'missed_call';

export interface MissedCall {
  callId: number;
  /** As the caller ID gave it. */
  number: string;
  /** When it rang (calls.started_at). */
  at: string;
}

const tasksOf = (trx: Knex, patientId: number) => tasksOfPatients(trx, [patientId]);

/** An open callback of the patient (missed-call or booked) takes the call as a note instead of a second task. */
async function attach(trx: Knex, patientId: number, line: string, now: string): Promise<number | null> {
  const open = await tasksOf(trx, patientId)
    .whereIn('status', ['pending', 'claimed'])
    .whereNotNull('callback_at')
    .orderBy([{ column: 'available_at' }, { column: 'id' }])
    .first('id');
  if (!open) return null;
  // Decided on the row as it is once locked: the nurse who had it may have closed it, put it back
  // as a plain retry or booked it for later meanwhile (we waited for her). Closed or no longer a
  // callback: this call needs a task of its own. A callback booked for later becomes workable now
  // (for the nurse it is kept for, first).
  const n = await trx('tasks')
    .where({ id: open.id })
    .whereIn('status', ['pending', 'claimed'])
    .whereNotNull('callback_at')
    .update({
      note: trx.raw("case when note is null or note = '' then ? else note || ? end", [line, `\n${line}`]),
      updated_at: now,
      available_at: trx.raw("case when status = 'pending' and available_at > ? then ? else available_at end", [now, now]),
    });
  return n ? Number(open.id) : null;
}

async function insert(trx: Knex, patientId: number, call: MissedCall, line: string, now: string): Promise<number | null> {
  // A task hangs off an enrolment (its plan sets retries and the team delay): the active one,
  // else the latest. A patient never enrolled gets no task; the call stays in 未接来电.
  const en = await trx('enrolments')
    .where('patient_id', patientId)
    .orderByRaw("case when status = 'active' then 0 else 1 end")
    .orderBy('id', 'desc')
    .first('id', 'plan_id', 'plan_version_id', 'dept_id');
  if (!en) return null;
  const plan = (await compiledVersions(trx, [Number(en.plan_version_id)])).get(Number(en.plan_version_id));
  // The nurse working on this patient now gets it first; with nobody on it, it is the team's.
  const holder = await tasksOf(trx, patientId).where('status', 'claimed').orderBy('claimed_at', 'desc').first('assignee_id');
  const reservedFor = holder?.assignee_id == null ? null : Number(holder.assignee_id);
  const today = now.slice(0, 10);
  const [row] = await trx('tasks')
    .insert({
      kind: 'callback',
      enrolment_id: en.id,
      plan_id: en.plan_id,
      plan_version_id: en.plan_version_id,
      patient_id: patientId,
      dept_id: en.dept_id ?? null,
      track_id: CALLBACK_TRACK,
      point_index: call.callId,
      point_label: null,
      due_date: today,
      window_start: today,
      window_end: today,
      channel: 'call',
      questionnaire_id: null,
      questionnaire_version: null,
      education: '[]',
      priority: 1,
      critical: 0,
      colour: null,
      priority_reason: null,
      status: 'pending',
      available_at: now,
      reserved_for: reservedFor,
      callback_at: now,
      visible_to_team_at: reservedFor === null ? now : addBeijingMinutes(now, plan?.definition.callback.teamDelayMinutes ?? 60),
      retry_count: 0,
      note: line,
      created_at: now,
      updated_at: now,
    })
    .returning('id');
  return Number((row as { id: number }).id ?? row);
}

/** pg_advisory_xact_lock(class, patient id) class of a patient's missed calls (any fixed number). */
const MISSED_CALLS_LOCK = 4_711;

/**
 * Returns the missed call through a callback task of the patient: a new one, or the open callback
 * the patient already has (noted there). Idempotent per call: a repeated report, or every
 * workstation of a ring group reporting the same call, gives the same task. Null: no enrolment.
 */
export async function createCallbackTask(store: Store, clock: Clock, patientId: number, call: MissedCall): Promise<number | null> {
  const now = beijingTimestamp(clock.now());
  return joinTransaction(store.knex, async (trx) => {
    // Missed calls of one patient one at a time, so the second sees the first's task. On SQLite
    // the insert below takes the write lock first, which does the same. Not by locking the
    // patient's row: completing a task locks the task, then the patient, and attaching this call
    // to that same open callback task would take them the other way round (a deadlock).
    if (store.dialect === 'pg') await trx.raw('select pg_advisory_xact_lock(?, ?)', [MISSED_CALLS_LOCK, patientId]);
    const fresh = await trx('missed_call_callbacks')
      .insert({ call_id: call.callId, patient_id: patientId, task_id: null, created_at: now })
      .onConflict('call_id')
      .ignore()
      .returning('call_id');
    if (!fresh.length) {
      const seen = await trx('missed_call_callbacks').where({ call_id: call.callId }).first('task_id');
      return seen?.task_id == null ? null : Number(seen.task_id);
    }
    const line = `未接来电 ${call.at} ${call.number} (missed call)`;
    const taskId = (await attach(trx, patientId, line, now)) ?? (await insert(trx, patientId, call, line, now));
    if (taskId) await trx('missed_call_callbacks').where({ call_id: call.callId }).update({ task_id: taskId });
    return taskId;
  });
}
