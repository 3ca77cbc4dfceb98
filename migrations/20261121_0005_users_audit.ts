import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 64).notNullable().unique();
    t.string('display_name', 64).notNullable();
    t.string('role', 16).notNullable(); // nurse | head | admin
    t.string('password_hash', 256).notNullable();
    t.integer('active').notNullable().defaultTo(1);
    t.string('created_at', 19).notNullable();
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('token_hash', 64).primary();
    t.integer('user_id').notNullable().references('users.id');
    t.string('created_at', 19).notNullable();
    t.string('expires_at', 19).notNullable();
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.string('at', 19).notNullable();
    t.integer('user_id').references('users.id');
    t.string('username', 64);
    t.string('action', 64).notNullable();
    t.integer('patient_id');
    t.text('detail');
    t.index(['patient_id']);
    t.index(['at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_log');
  await knex.schema.dropTable('sessions');
  await knex.schema.dropTable('users');
}
