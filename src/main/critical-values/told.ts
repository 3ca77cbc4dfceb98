import type { Knex } from 'knex';
import { ApiError } from '../api/errors';

/** Completing a task that carries an untold critical value needs the notification first. */
export async function assertToldBeforeCompleting(trx: Knex, taskId: number): Promise<void> {
  if (await trx('critical_notifications').where('task_id', taskId).whereNull('told_at').first('id'))
    throw new ApiError(
      'invalid_input',
      '请先记录危急值告知（告知了谁、何时、如何告知）(record who was told of the critical value, when and how, before completing)',
      [{ path: 'criticalValue', message: 'not told' }],
    );
}
