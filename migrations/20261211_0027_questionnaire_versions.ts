import type { Knex } from 'knex';

// Questionnaire definitions live in the store, by id and version, like plans: a task names the
// version it was made with, and every workstation of a team scores it with that exact definition,
// whichever program version it runs. A workstation publishes its shipped definitions at start;
// an existing (id, version) is never rewritten.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('questionnaire_versions', (t) => {
    t.increments('id');
    t.string('questionnaire_id', 64).notNullable();
    t.integer('version').notNullable();
    t.string('title', 200).notNullable();
    t.text('definition').notNullable();
    // sha256 of the definition as published: tells a changed file under an old version number.
    t.string('content_hash', 64).notNullable();
    t.string('published_by', 200).notNullable();
    t.string('published_at', 19).notNullable();
    t.unique(['questionnaire_id', 'version']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('questionnaire_versions');
}
