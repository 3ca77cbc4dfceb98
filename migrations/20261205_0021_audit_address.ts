import type { Knex } from 'knex';

// Where an audited access came from: the HTTP client's address, or the workstation's host name
// for the desktop shell and the CLI. Null for rows written before this column existed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.string('address', 255);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('address');
  });
}
