import type { Knex } from 'knex';
import type { CallDirection, CallOutcome, CallRecord, EndedBy } from '../../shared/contract/calls';
import type { Role } from '../../shared/model';
import { canSeeFullPhone, maskPhone } from '../auth/permissions';
import { ApiError } from '../api/errors';
import { beijingTimestamp, type Clock } from '../util/clock';

// Call rows. Times are stamped by main's clock when the renderer reports the SIP event, so
// every workstation of a shared store writes comparable wall-clock times.

export interface CallRow {
  id: number;
  direction: CallDirection;
  number: string;
  patient_id: number | null;
  task_id: number | null;
  user_id: number | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  ended_by: EndedBy | null;
  sip_code: number | null;
  reason: string | null;
  outcome: CallOutcome | null;
  outcome_confirmed: number;
  missed: number;
  consent: number;
  recording_path: string | null;
  recording_mime: string | null;
  recording_bytes: number | null;
  patient_name?: string | null;
}

const seconds = (ts: string) => Date.parse(`${ts.replace(' ', 'T')}Z`) / 1000;

/** The call as the contract shows it to `role`: the number masked for roles that do not see full numbers. */
export function toRecord(r: CallRow, role: Role): CallRecord {
  return {
    id: Number(r.id),
    direction: r.direction,
    number: canSeeFullPhone(role) ? r.number : (maskPhone(r.number) ?? ''),
    patientId: r.patient_id ?? null,
    patientName: r.patient_name ?? null,
    taskId: r.task_id ?? null,
    userId: r.user_id ?? null,
    startedAt: r.started_at,
    answeredAt: r.answered_at,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
    sipCode: r.sip_code === null ? null : Number(r.sip_code),
    reason: r.reason,
    outcome: r.outcome,
    outcomeConfirmed: !!Number(r.outcome_confirmed),
    missed: !!Number(r.missed),
    consent: !!Number(r.consent),
    hasRecording: !!r.recording_path,
    recordingBytes: r.recording_bytes === null ? null : Number(r.recording_bytes),
    durationSec: r.answered_at && r.ended_at ? Math.max(0, seconds(r.ended_at) - seconds(r.answered_at)) : null,
  };
}

const withPatient = (knex: Knex) => knex('calls as c').leftJoin('patients as p', 'p.id', 'c.patient_id').select('c.*', 'p.name as patient_name');

export async function getCall(knex: Knex, callId: number): Promise<CallRow> {
  const row = (await withPatient(knex).where('c.id', callId).first()) as CallRow | undefined;
  if (!row) throw new ApiError('not_found', `call ${callId} not found`);
  return row;
}

/** Only the user who placed or took the call reports on it. */
export async function ownCall(knex: Knex, callId: number, userId: number): Promise<CallRow> {
  const row = await getCall(knex, callId);
  if (row.user_id !== userId) throw new ApiError('forbidden', `call ${callId} belongs to another user`);
  return row;
}

/**
 * The patient a call with this task belongs to: the task's. A call of one patient linked to
 * another's task would put the nurse's answers (the attempt is logged on the task) on the wrong
 * record, so a patient given with the task must be the task's.
 */
export async function patientOfTask(knex: Knex, taskId: number | null | undefined, patientId: number | null | undefined): Promise<number | null> {
  if (taskId == null) return patientId ?? null;
  const task = await knex('tasks').where({ id: taskId }).first('patient_id');
  if (!task) throw new ApiError('invalid_input', `task ${taskId} does not exist`);
  const owner = Number(task.patient_id);
  if (patientId != null && patientId !== owner) throw new ApiError('invalid_input', `task ${taskId} is not a task of patient ${patientId}`);
  return owner;
}

export async function startCall(
  knex: Knex,
  clock: Clock,
  userId: number,
  c: { direction: CallDirection; number: string; patientId?: number | null; taskId?: number | null; consent: boolean },
): Promise<number> {
  const patientId = await patientOfTask(knex, c.taskId, c.patientId);
  const [row] = await knex('calls')
    .insert({
      direction: c.direction,
      number: c.number.replace(/[\s()]/g, ''),
      patient_id: patientId,
      task_id: c.taskId ?? null,
      user_id: userId,
      started_at: beijingTimestamp(clock.now()),
      consent: c.consent ? 1 : 0,
    })
    .returning('id');
  return Number(typeof row === 'object' ? row.id : row);
}

export async function markAnswered(knex: Knex, clock: Clock, call: CallRow): Promise<void> {
  if (call.ended_at) throw new ApiError('conflict', `call ${call.id} has already ended`);
  await knex('calls')
    .where({ id: call.id })
    .whereNull('answered_at')
    .update({ answered_at: beijingTimestamp(clock.now()) });
}

/**
 * The patient's consent to record, as the nurse ticks or unticks it during the call (consent is
 * asked once the patient answers). The flag means "she agreed to (part of) this call being
 * recorded", which is what uploading a recording needs: a withdrawal after the answer leaves it
 * as it is, because what was recorded while she agreed is kept; before the answer nothing can
 * have been recorded (recording starts with the answered call), so a withdrawal then clears it.
 */
export async function setConsent(knex: Knex, call: CallRow, consent: boolean): Promise<boolean> {
  if (call.ended_at) throw new ApiError('conflict', `call ${call.id} has already ended`);
  const next = consent ? 1 : call.answered_at ? Number(call.consent) : 0;
  if (next !== Number(call.consent)) await knex('calls').where({ id: call.id }).update({ consent: next });
  return next === 1;
}

/** Idempotent: a second report of the same end (e.g. after a reconnect) changes nothing. */
export async function endCall(
  knex: Knex,
  clock: Clock,
  call: CallRow,
  e: { endedBy: EndedBy; sipCode?: number | null; reason: string; outcome?: CallOutcome | null },
): Promise<CallRow> {
  if (!call.ended_at) {
    const missed = call.direction === 'inbound' && !call.answered_at;
    await knex('calls')
      .where({ id: call.id })
      .whereNull('ended_at')
      .update({
        ended_at: beijingTimestamp(clock.now()),
        ended_by: e.endedBy,
        sip_code: e.sipCode ?? null,
        reason: e.reason,
        outcome: e.outcome ?? null,
        missed: missed ? 1 : 0,
      });
  }
  return getCall(knex, call.id);
}

/** Newest first, narrowed by `scope` (src/main/auth/access.ts callsInScope) and shown to `role`. */
export async function listCalls(
  knex: Knex,
  f: { patientId?: number; missedOnly?: boolean; userId?: number; limit: number },
  scope: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  role: Role,
): Promise<CallRecord[]> {
  const q = scope(withPatient(knex))
    .orderBy([
      { column: 'c.started_at', order: 'desc' },
      { column: 'c.id', order: 'desc' },
    ])
    .limit(f.limit);
  if (f.patientId) q.where('c.patient_id', f.patientId);
  if (f.missedOnly) q.where('c.missed', 1);
  if (f.userId) q.where('c.user_id', f.userId);
  return ((await q) as CallRow[]).map((r) => toRecord(r, role));
}
