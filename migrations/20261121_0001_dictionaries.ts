import type { Knex } from 'knex';

// Departments and diagnoses are dictionaries that history points at: never delete rows here.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('departments', (t) => {
    t.increments('id');
    t.string('source_system', 64).notNullable();
    t.string('source_code', 64).notNullable();
    t.string('name', 128).notNullable();
    // Full pinyin of the name: Chinese users expect departments sorted by pinyin.
    t.string('name_pinyin', 256).notNullable().defaultTo('');
    t.integer('active').notNullable().defaultTo(1);
    t.string('updated_at', 19).notNullable();
    t.unique(['source_system', 'source_code']);
  });
  await knex.schema.createTable('department_aliases', (t) => {
    t.increments('id');
    t.integer('department_id').notNullable().references('departments.id');
    t.string('name', 128).notNullable();
    t.unique(['name', 'department_id']);
  });
  await knex.schema.createTable('diagnosis_dict', (t) => {
    t.increments('id');
    t.string('code_raw', 32).notNullable().unique();
    t.string('code_category', 3).notNullable();
    t.string('name', 256).notNullable();
    t.index(['code_category']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('diagnosis_dict');
  await knex.schema.dropTable('department_aliases');
  await knex.schema.dropTable('departments');
}
