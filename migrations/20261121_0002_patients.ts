import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('patients', (t) => {
    t.increments('id');
    t.string('source_system', 64).notNullable();
    t.string('source_patient_id', 64).notNullable();
    t.string('name', 64).notNullable();
    // Pinyin initials ("zs" for 张三) and full pinyin, lower case, for the finder.
    t.string('name_initials', 32).notNullable();
    t.string('name_pinyin', 128).notNullable();
    t.string('gender_code', 1).notNullable();
    t.string('birth_date', 10);
    t.string('id_number', 32);
    t.string('id_number_kind', 2);
    t.integer('id_number_valid').notNullable().defaultTo(0);
    t.string('address', 256);
    t.integer('needs_review').notNullable().defaultTo(0);
    t.integer('deceased').notNullable().defaultTo(0);
    t.string('death_date', 10);
    t.integer('merged_into_patient_id').references('patients.id');
    t.string('status', 16).notNullable().defaultTo('active');
    t.string('row_hash', 32).notNullable();
    t.string('source_updated_at', 19);
    t.string('first_seen_at', 19).notNullable();
    t.string('last_synced_at', 19).notNullable();
    t.unique(['source_system', 'source_patient_id']);
    t.index(['name_initials']);
    t.index(['name_pinyin']);
    t.index(['name']);
    t.index(['id_number']);
  });
  await knex.schema.createTable('patient_links', (t) => {
    t.increments('id');
    t.string('source_system', 64).notNullable();
    t.string('obsolete_source_id', 64).notNullable();
    t.string('surviving_source_id', 64).notNullable();
    t.string('merged_at', 19);
    t.string('recorded_at', 19).notNullable();
    t.unique(['source_system', 'obsolete_source_id']);
  });
  await knex.schema.createTable('phones', (t) => {
    t.increments('id');
    t.integer('patient_id').notNullable().references('patients.id');
    t.string('number', 32).notNullable();
    t.string('kind', 16).notNullable(); // mobile | landline
    t.string('role', 16).notNullable(); // self | contact
    t.string('contact_name', 64);
    t.string('relation', 32);
    t.integer('success_count').notNullable().defaultTo(0);
    t.integer('fail_count').notNullable().defaultTo(0);
    t.integer('wrong_number').notNullable().defaultTo(0);
    t.string('source', 16).notNullable().defaultTo('his');
    t.unique(['patient_id', 'number']);
    t.index(['number']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('phones');
  await knex.schema.dropTable('patient_links');
  await knex.schema.dropTable('patients');
}
