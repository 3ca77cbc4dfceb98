import type { Knex } from 'knex';

// The admin's user list shows each user's last sign-in, the newest 'login' row of the audit log:
// with this index that is one short range per user instead of a scan of the whole log.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => t.index(['action', 'user_id', 'at'], 'audit_log_action_user'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => t.dropIndex(['action', 'user_id', 'at'], 'audit_log_action_user'));
}
