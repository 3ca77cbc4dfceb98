import type { Knex } from 'knex';
import { addBeijingMinutes } from '../../shared/beijing-time';
import type { MethodParsed } from '../../shared/contract';
import type { CriticalValueInfo } from '../../shared/critical-values';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { criticalValueById } from '../critical-values/read';
import { beijingTimestamp } from '../util/clock';
import { fullTimestamp, loadTask } from './work';

type Input = MethodParsed<'criticalValues.recordNotification'>;

/** The critical value this task's call tells: the one it carries, else the patient's earliest untold one. */
async function untoldFor(knex: Knex, task: { id: number; patient_id: number }) {
  const untold = () => knex('critical_notifications').whereNull('told_at').orderBy('notify_by').first('id', 'result_at', 'notify_by');
  return (await untold().where('task_id', task.id)) ?? (await untold().where('patient_id', task.patient_id));
}

/**
 * Records that the patient or a family member was told, by the nurse holding one of the
 * patient's tasks (the signed-in user: never an input). Told after the deadline stays "late".
 * `within` writes the call's audit row in the same transaction.
 */
export async function recordNotification(
  knex: Knex,
  user: User,
  input: Input,
  now: string,
  within: (trx: Knex.Transaction, facts: { patientId: number; late: boolean }) => Promise<void>,
): Promise<{ taskId: number; patientId: number; criticalValue: CriticalValueInfo }> {
  const { task } = await loadTask(knex, input.taskId, user, true);
  const target = await untoldFor(knex, task);
  if (!target) throw new ApiError('conflict', '该患者没有待告知的危急值，或已记录告知 (no critical value of this patient is waiting to be told)');
  const toldAt = fullTimestamp(input.toldAt);
  if (toldAt > addBeijingMinutes(now, 5))
    throw new ApiError('invalid_input', '告知时间不能晚于现在 (the time told is in the future)', [{ path: 'toldAt', message: 'future' }]);
  if (toldAt < target.result_at)
    throw new ApiError('invalid_input', '告知时间早于危急值结果时间 (the time told is before the critical result)', [
      { path: 'toldAt', message: 'before result' },
    ]);
  const late = toldAt > target.notify_by;
  const family = input.told === 'family';
  await knex.transaction(async (trx) => {
    const n = await trx('critical_notifications')
      .where({ id: target.id })
      .whereNull('told_at')
      .update({
        told_at: toldAt,
        told: input.told,
        told_name: family ? input.name : null,
        told_relation: family ? input.relation : null,
        method: input.method,
        note: input.note || null,
        late: late ? 1 : 0,
        recorded_by: user.id,
        recorded_at: now,
      });
    if (!n) throw new ApiError('conflict', '已有人记录了这次危急值告知 (someone has just recorded telling this critical value)');
    await within(trx, { patientId: task.patient_id, late });
  });
  return { taskId: task.id, patientId: task.patient_id, criticalValue: (await criticalValueById(knex, Number(target.id)))! };
}

export const criticalValueHandlers = ({ store, clock }: Services): Pick<Handlers, 'criticalValues.recordNotification'> => ({
  'criticalValues.recordNotification': async (input, ctx) =>
    recordNotification(store.knex, ctx.user, input, beijingTimestamp(clock.now()), async (trx, facts) => {
      ctx.audit.patientId = facts.patientId;
      ctx.audit.detail = { late: facts.late };
      await ctx.auditWithin(trx);
    }),
});
