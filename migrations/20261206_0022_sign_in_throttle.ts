import type { Knex } from 'knex';

// Failed sign-ins per account ("account:<username>", known or not, so a lockout does not tell
// which names exist) and per client address ("address:<ip>"), kept in the store so a restart
// does not hand a guesser a fresh allowance. Sessions get the time of their last call, for the
// idle timeout.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sign_in_throttle', (t) => {
    t.string('subject', 200).primary();
    t.integer('failures').notNullable();
    t.string('window_start', 19).notNullable();
    t.string('locked_until', 19);
  });
  await knex.schema.alterTable('sessions', (t) => {
    t.string('last_seen_at', 19);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sessions', (t) => {
    t.dropColumn('last_seen_at');
  });
  await knex.schema.dropTable('sign_in_throttle');
}
