import type { Knex } from 'knex';
import type { User } from '../../shared/model';
import { beijingTimestamp, type Clock } from '../util/clock';

/** Who viewed or exported which patient; written in the same request as the access. */
export async function audit(knex: Knex, clock: Clock, user: User | null, action: string, patientId: number | null, detail?: unknown): Promise<void> {
  await knex('audit_log').insert({
    at: beijingTimestamp(clock.now()),
    user_id: user?.id ?? null,
    username: user?.username ?? null,
    action,
    patient_id: patientId,
    detail: detail === undefined ? null : JSON.stringify(detail),
  });
}
