import type { Knex } from 'knex';
import type { CallOutcome } from '../../shared/contract/calls';
import { isAttemptOutcome, type AttemptOutcome } from '../../shared/contract/followup';

// A softphone call and the follow-up attempt logged for it. The attempt is logged with the
// outcome the SIP result suggests as soon as the call ends; the nurse then confirms or corrects
// it on the softphone. Whichever comes first, the attempt ends up with what she confirmed.

const WRONG: readonly string[] = ['invalid_number', 'wrong_number'];

/** One dial in the number's history: a success or a failure, and a wrong number marked for good. */
export async function countDial(trx: Knex, patientId: number, number: string, outcome: AttemptOutcome): Promise<void> {
  const phone = () => trx('phones').where({ patient_id: patientId, number });
  await phone().increment(outcome === 'connected' ? 'success_count' : 'fail_count', 1);
  if (WRONG.includes(outcome)) await phone().update({ wrong_number: 1 });
}

/** Logging an attempt for a call: the call belongs to the task, and an outcome already confirmed wins. */
export async function linkCallToAttempt(trx: Knex, callId: number, taskId: number, suggested: AttemptOutcome): Promise<AttemptOutcome> {
  // Always a write: it takes the call's row lock, so a confirmation in flight is seen or waits for us.
  await trx('calls')
    .where({ id: callId })
    .update({ task_id: trx.raw('coalesce(task_id, ?)', [taskId]) });
  const call = await trx('calls').where({ id: callId }).first('outcome', 'outcome_confirmed');
  return call && Number(call.outcome_confirmed) && isAttemptOutcome(call.outcome) ? call.outcome : suggested;
}

const phoneOf = (trx: Knex, a: { patient_id: number; phone_number: string }) => trx('phones').where({ patient_id: a.patient_id, number: a.phone_number });

/**
 * The nurse confirmed what the call came to, after its attempt was logged: the attempt takes the
 * confirmed outcome and the number's history (success / failure counts, wrong-number mark) is
 * corrected. 'cancelled' and 'failed' are no dial result, so that attempt is taken back.
 */
export async function confirmAttemptOutcome(trx: Knex, callId: number, outcome: CallOutcome): Promise<void> {
  const call = await trx('calls').where({ id: callId }).first('task_id');
  if (call?.task_id == null) return;
  // By task (indexed), then call: linkCallToAttempt gave the call its task.
  const attempts = await trx('attempts').where({ task_id: call.task_id, call_id: callId });
  for (const a of attempts) {
    if (a.outcome === outcome) continue;
    const was = a.outcome === 'connected' ? 'success_count' : 'fail_count';
    await phoneOf(trx, a).where(was, '>', 0).decrement(was, 1);
    if (isAttemptOutcome(outcome)) {
      await trx('attempts').where({ id: a.id }).update({ outcome });
      await countDial(trx, a.patient_id, a.phone_number, outcome);
      const day = String(a.started_at).slice(0, 10);
      if (outcome === 'connected')
        await trx('patients')
          .where({ id: a.patient_id })
          .where((w) => w.whereNull('last_contact_date').orWhere('last_contact_date', '<', day))
          .update({ last_contact_date: day });
    } else {
      await trx('attempts').where({ id: a.id }).delete();
    }
    // The wrong-number mark stays only while another dial still says so.
    if (WRONG.includes(a.outcome) && !WRONG.includes(outcome)) {
      const still = await trx('attempts')
        .where({ patient_id: a.patient_id, phone_number: a.phone_number })
        .whereIn('outcome', [...WRONG])
        .first('id');
      if (!still) await phoneOf(trx, a).update({ wrong_number: 0 });
    }
  }
}
