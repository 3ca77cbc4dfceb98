import type { Knex } from 'knex';

// Exports run as jobs: each is a row (the history the user sees) and, once done, a file under
// <dataDir>/exports/ on the workstation or server that ran it (`runner` names it, so that its
// restart fails only its own unfinished exports). The de-identification key lives here, not in
// a per-PC file, so that every workstation of a shared store hashes a patient the same way.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('exports', (t) => {
    t.increments('id');
    t.integer('user_id').notNullable().references('users.id');
    t.string('kind', 16).notNullable();
    t.string('format', 8).notNullable();
    t.text('params').notNullable();
    t.string('status', 10).notNullable();
    t.integer('rows').notNullable().defaultTo(0);
    t.string('file_name', 200);
    t.string('file_path', 500);
    t.string('runner', 300).notNullable();
    t.string('created_at', 19).notNullable();
    t.string('finished_at', 19);
    t.string('error', 500);
    t.index(['user_id', 'id'], 'exports_user');
    t.index(['status', 'runner'], 'exports_status');
  });
  await knex.schema.createTable('install_secrets', (t) => {
    t.string('name', 64).primary();
    t.string('value', 128).notNullable();
    t.string('created_at', 19).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('install_secrets');
  await knex.schema.dropTable('exports');
}
