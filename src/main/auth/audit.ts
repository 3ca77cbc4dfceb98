import type { Knex } from 'knex';
import type { User } from '../../shared/model';
import { beijingTimestamp, type Clock } from '../util/clock';
import { nudgeSealer } from './audit-sealer';

/**
 * Who acted: a call's context (the user and where the call came from: the HTTP client's address,
 * the workstation's host name) or, outside a call, just the user.
 */
export type Actor = User | null | { user: User | null; address?: string | null };

const isContext = (a: Actor): a is { user: User | null; address?: string | null } => !!a && 'user' in a;

/** Who viewed or exported which patient, and from where; written in the same request as the access. Append-only (migration 0024). */
export async function audit(knex: Knex, clock: Clock, actor: Actor, action: string, patientId: number | null, detail?: unknown): Promise<void> {
  const user = isContext(actor) ? actor.user : actor;
  const address = isContext(actor) ? (actor.address ?? null) : null;
  await knex('audit_log').insert({
    at: beijingTimestamp(clock.now()),
    // The CLI acts as a built-in admin with id 0, which has no users row: its name is kept.
    user_id: user?.id ? user.id : null,
    username: user?.username ?? null,
    action,
    patient_id: patientId,
    detail: detail === undefined ? null : JSON.stringify(detail),
    address: address?.slice(0, 255) ?? null,
  });
  // Chained onto the audit hash chain within a second or so (audit-sealer.ts), not here: an
  // audited request never waits for another workstation's.
  nudgeSealer(knex);
}
