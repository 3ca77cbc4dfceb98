import type { Knex } from 'knex';

// A plan's definition is versioned: enrolments point at the version they were made with, so
// editing a live plan opens a new version instead of rewriting the old one.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('plans', (t) => {
    t.increments('id');
    t.string('code', 64).notNullable().unique();
    t.string('name', 128).notNullable();
    t.integer('retired').notNullable().defaultTo(0);
    t.integer('active_version_id');
    t.string('created_at', 19).notNullable();
    t.string('updated_at', 19).notNullable();
  });
  await knex.schema.createTable('plan_versions', (t) => {
    t.increments('id');
    t.integer('plan_id').notNullable().references('plans.id');
    t.integer('version').notNullable();
    t.string('status', 12).notNullable(); // draft | active | retired
    t.text('definition').notNullable();
    t.string('created_by', 64);
    t.string('created_at', 19).notNullable();
    t.string('activated_at', 19);
    t.string('retired_at', 19);
    t.unique(['plan_id', 'version']);
    t.index(['status']);
  });
  await knex.schema.createTable('education_items', (t) => {
    t.increments('id');
    t.string('code', 64).notNullable().unique();
    t.string('title', 128).notNullable();
    t.text('content').notNullable();
    t.string('updated_at', 19).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('education_items');
  await knex.schema.dropTable('plan_versions');
  await knex.schema.dropTable('plans');
}
