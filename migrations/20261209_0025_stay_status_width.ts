import type { Knex } from 'knex';

// Inpatient stays get states for a stay still under way (src/shared/stay-status.ts), and
// 'discharge_notified' does not fit encounters.status varchar(16). Widening a varchar is a
// catalogue change on PostgreSQL (no table rewrite); SQLite does not enforce the length.
const isPg = (knex: Knex) => /^(pg|postgres)/.test(String(knex.client.config.client));

export async function up(knex: Knex): Promise<void> {
  if (isPg(knex)) await knex.raw('alter table encounters alter column status type varchar(24)');
}

export async function down(knex: Knex): Promise<void> {
  if (isPg(knex)) await knex.raw('alter table encounters alter column status type varchar(16)');
}
