import type { Knex } from 'knex';

// The critical-value fast lane: a checkup's critical value (危急值) must be told to the patient
// within a plan's time limit. One row per checkup with a critical value that a plan follows up:
// when the result came (the HIS's report time, else when the sync first saw it), the deadline,
// the task that carries it, the escalation when it was missed, and who told whom, when and how.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('checkup_findings', (t) => {
    t.string('critical_reported_at', 19);
  });
  await knex.schema.alterTable('encounters', (t) => {
    t.string('critical_seen_at', 19);
  });
  // Before this, a checkup's critical value could only have been seen with the checkup itself.
  await knex('encounters')
    .where('critical_count', '>', 0)
    .update({ critical_seen_at: knex.ref('first_seen_at') });
  await knex.schema.createTable('critical_notifications', (t) => {
    t.increments('id');
    t.integer('encounter_id').notNullable().unique().references('encounters.id');
    t.integer('patient_id').notNullable();
    t.integer('task_id').notNullable().references('tasks.id');
    t.string('result_at', 19).notNullable();
    t.string('result_source', 8).notNullable(); // his | sync
    t.string('notify_by', 19).notNullable();
    t.string('escalated_at', 19);
    t.integer('escalation_task_id');
    // Null until someone records telling the patient or the family.
    t.string('told_at', 19);
    t.string('told', 8); // patient | family
    t.string('told_name', 64);
    t.string('told_relation', 32);
    t.string('method', 12); // phone | sms | in_person | other
    t.string('note', 500);
    t.integer('late');
    t.integer('recorded_by').references('users.id');
    t.string('recorded_at', 19);
    t.string('created_at', 19).notNullable();
    t.index(['task_id']);
    t.index(['patient_id']);
  });
  // The minute-by-minute check for missed deadlines reads only the untold, unescalated few.
  await knex.raw('create index critical_notifications_due on critical_notifications (notify_by) where told_at is null and escalated_at is null');
}

// Columns dropped in place (SQLite ≥ 3.35 and PostgreSQL alike): knex's SQLite dropColumn
// rebuilds the table, which trips the triggers other migrations put on these tables.
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('critical_notifications');
  await knex.raw('alter table encounters drop column critical_seen_at');
  await knex.raw('alter table checkup_findings drop column critical_reported_at');
}
