import type { Store } from '../store/store';
import { createCallbackTask } from '../tasks/callback-task';
import { beijingDate, type Clock } from '../util/clock';
import type { CallRow } from './calls-repo';
import { callerMatches } from './lookup';

/**
 * A missed incoming call becomes a callback task when its number belongs to exactly one patient
 * (looked up as the screen pop does: every phone of every patient). A number several patients
 * share (a family landline, a relative listed as contact) gets no guessed task, unless the nurse
 * picked the caller on the screen pop while it rang; like an unknown number, it stays listed
 * under 未接来电 for her to choose. Returns the task (the same one on a repeated report), else null.
 */
export async function missedCallToCallbackTask(store: Store, clock: Clock, call: CallRow): Promise<number | null> {
  if (call.direction !== 'inbound' || !Number(call.missed)) return null;
  const matches = await callerMatches(store.knex, call.number, beijingDate(clock.now()));
  const patientId = matches.length === 1 ? matches[0].patientId : matches.find((m) => m.patientId === Number(call.patient_id))?.patientId;
  if (!patientId) return null;
  // The missed list then names the caller even when the screen pop's link came too late.
  if (call.patient_id == null) await store.knex('calls').where({ id: call.id }).whereNull('patient_id').update({ patient_id: patientId });
  return createCallbackTask(store, clock, patientId, { callId: Number(call.id), number: call.number, at: call.started_at });
}
