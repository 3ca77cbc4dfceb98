import type { Knex } from 'knex';
import type { Clock } from '../util/clock';
import type { CallRow } from './calls-repo';

/**
 * HOOK for the follow-up feature: a missed incoming call should become a callback task.
 * The call row is already stored with missed = 1 (the 电话 page lists it with a 回拨 button).
 * The tasks feature owns task creation; when it offers a service for "call this patient back"
 * (e.g. createCallbackTask(knex, clock, { patientId, number, callId })), call it from here and
 * return the task id. Until then nothing else happens and null is returned.
 */
export async function missedCallToCallbackTask(_knex: Knex, _clock: Clock, _call: CallRow): Promise<number | null> {
  return null;
}
