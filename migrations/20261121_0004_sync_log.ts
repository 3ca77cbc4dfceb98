import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sync_runs', (t) => {
    t.increments('id');
    t.string('profile', 64).notNullable();
    t.string('source_system', 64).notNullable();
    t.string('status', 16).notNullable(); // running | ok | failed | cancelled
    t.string('started_at', 19).notNullable();
    t.string('finished_at', 19);
    t.string('triggered_by', 64);
    t.text('counts'); // JSON per entity: read, inserted, updated, unchanged, rejected
    t.text('error');
  });
  await knex.schema.createTable('sync_state', (t) => {
    t.string('source_system', 64).notNullable();
    t.string('entity', 32).notNullable();
    t.string('watermark_kind', 16).notNullable();
    t.string('watermark_value', 32);
    t.string('last_ok_at', 19);
    t.primary(['source_system', 'entity']);
  });
  // A row the HIS got wrong is kept here with its reason, once per (entity, key, reason);
  // it is resolved (deleted) when a later sync reads the same key cleanly.
  await knex.schema.createTable('rejected_rows', (t) => {
    t.increments('id');
    t.integer('sync_run_id').notNullable().references('sync_runs.id');
    t.string('source_system', 64).notNullable();
    t.string('entity', 32).notNullable();
    t.string('source_key', 128).notNullable();
    t.string('reason', 64).notNullable();
    t.string('detail', 512);
    t.text('raw').notNullable();
    t.string('first_seen_at', 19).notNullable();
    t.string('last_seen_at', 19).notNullable();
    t.unique(['source_system', 'entity', 'source_key', 'reason']);
    t.index(['sync_run_id']);
  });

  // Secondary indexes set aside during a first bulk load (SQLite), rebuilt when it ends or,
  // after a crash, when the store is next opened.
  await knex.schema.createTable('deferred_indexes', (t) => {
    t.string('name', 128).primary();
    t.text('definition').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('deferred_indexes');
  await knex.schema.dropTable('rejected_rows');
  await knex.schema.dropTable('sync_state');
  await knex.schema.dropTable('sync_runs');
}
