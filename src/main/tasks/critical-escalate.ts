import type { Knex } from 'knex';
import type { SafetyTrigger } from '../../shared/contract/followup';
import { compiledVersions } from '../plans/definitions';
import { createEscalation } from './escalate';
import type { TaskRecord } from './work';

// A critical value not told by its deadline goes to the responsible department as an
// escalation (the red 上报 task the head sees, and an escalations row), exactly once: the
// conditional UPDATE that marks it escalated is the claim, so a rerun, or another workstation's
// run on the same PostgreSQL (which waits on the row and then finds it taken), does nothing.

const hhmm = (ts: string) => ts.slice(0, 16);

function triggerFor(row: { notify_by: string; result_at: string }): SafetyTrigger {
  return {
    id: 'critical-value-deadline',
    color: 'red',
    message: `危急值未在时限 ${hhmm(row.notify_by)} 前告知`,
    messageEn: `critical value not told by ${hhmm(row.notify_by)}`,
    escalate: true,
  };
}

/** Escalates every critical value whose deadline has passed untold; returns how many. */
export async function escalateMissedNotifications(knex: Knex, now: string): Promise<number> {
  // The literal conditions match the partial index critical_notifications_due.
  const due = await knex('critical_notifications as c')
    .join('tasks as t', 't.id', 'c.task_id')
    .whereRaw('c.told_at is null and c.escalated_at is null')
    .where('c.notify_by', '<', now)
    .orderBy('c.notify_by')
    .select('c.id', 'c.task_id', 'c.notify_by', 'c.result_at', 't.plan_version_id');
  if (!due.length) return 0;
  const plans = await compiledVersions(
    knex,
    due.map((r) => Number(r.plan_version_id)),
  );
  let escalated = 0;
  for (const row of due) {
    const done = await knex.transaction(async (trx) => {
      const taken = await trx('critical_notifications')
        .where({ id: row.id })
        .whereRaw('told_at is null and escalated_at is null')
        .update({ escalated_at: now });
      if (!taken) return false;
      const task = (await trx('tasks').where({ id: row.task_id }).first()) as TaskRecord;
      const plan = plans.get(Number(row.plan_version_id));
      if (!plan) throw new Error(`plan version ${row.plan_version_id} missing`);
      const trigger = triggerFor(row);
      const note = `${trigger.message}（结果时间 ${hhmm(row.result_at)}）(${trigger.messageEn}; result at ${hhmm(row.result_at)})`;
      const escalationTaskId = await createEscalation(trx, plan, { ...task, id: Number(task.id) }, [trigger], note, { userId: null, now });
      await trx('critical_notifications').where({ id: row.id }).update({ escalation_task_id: escalationTaskId });
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
