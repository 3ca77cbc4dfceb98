import type { Knex } from 'knex';

// Work that one workstation of a team may do at a time (the HIS sync) takes a lease here rather
// than an in-process lock: workstations sharing a PostgreSQL store all see it, the holder renews
// it while it works, and a holder that died simply stops renewing, so its lease runs out and
// another workstation may take it. Times are Beijing wall-clock strings, compared as strings.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('leases', (t) => {
    t.string('name', 64).primary();
    t.string('holder', 200).notNullable();
    t.string('held_for', 100).nullable();
    t.string('acquired_at', 19).notNullable();
    t.string('expires_at', 19).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('leases');
}
