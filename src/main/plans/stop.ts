import type { Knex } from 'knex';

/** retiered: a checkup client's risk tier moved, so the former tier's plan gave way to the new one's. */
export type StopReason = 'refused' | 'deceased' | 'lost' | 'manual' | 'retiered';

/** Stops enrolments and cancels their tasks nobody holds; a task a nurse holds is hers to close. */
export async function stopEnrolments(trx: Knex, ids: number[], reason: StopReason, now: string): Promise<number> {
  let stopped = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    stopped += await trx('enrolments')
      .whereIn('id', part)
      .where({ status: 'active' })
      .update({ status: 'stopped', stop_reason: reason, stopped_at: now, next_generate_on: null });
    await trx('tasks')
      .whereIn('enrolment_id', part)
      .where({ status: 'pending' })
      .update({ status: 'cancelled', disposition: `stopped:${reason}`, completed_at: now, updated_at: now });
  }
  return stopped;
}

/** Death stops every plan of the patient and fills the registry fields. */
export async function recordDeath(trx: Knex, patientId: number, death: { date: string | null; cause: string | null }, now: string): Promise<number> {
  const patch: Record<string, unknown> = { deceased: 1, vital_status: 'deceased' };
  if (death.date) patch.death_date = death.date;
  if (death.cause) patch.death_cause = death.cause;
  await trx('patients').where({ id: patientId }).update(patch);
  const ids = (await trx('enrolments').where({ patient_id: patientId, status: 'active' }).pluck('id')).map(Number);
  return stopEnrolments(trx, ids, 'deceased', now);
}
