import type { Knex } from 'knex';

// What a nurse does on a task: dials, answers (drafts included), bookings, education, escalations.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('attempts', (t) => {
    t.increments('id');
    t.integer('task_id').notNullable().references('tasks.id');
    t.integer('patient_id').notNullable();
    t.string('phone_number', 32).notNullable();
    t.string('outcome', 16).notNullable();
    t.string('started_at', 19).notNullable();
    t.string('ended_at', 19);
    t.integer('nurse_id').references('users.id');
    // Linked by the telephony feature to its calls table (recording, SIP ids).
    t.integer('call_id');
    t.string('note', 500);
    t.index(['task_id']);
    t.index(['patient_id', 'phone_number']);
  });
  await knex.schema.createTable('responses', (t) => {
    t.increments('id');
    t.integer('task_id').notNullable().unique().references('tasks.id');
    t.integer('patient_id').notNullable();
    t.string('questionnaire_id', 64).notNullable();
    t.integer('questionnaire_version').notNullable();
    t.text('answers').notNullable();
    t.text('scores');
    t.text('triggers');
    t.string('warning_colour', 8);
    t.integer('draft').notNullable().defaultTo(1);
    t.integer('version').notNullable().defaultTo(1);
    // Client save counter (ms timestamps): a save applies only when it is newer.
    t.bigInteger('client_seq').notNullable().defaultTo(0);
    t.string('updated_at', 19).notNullable();
    t.integer('updated_by').references('users.id');
    t.string('completed_at', 19);
    t.index(['patient_id']);
  });
  await knex.schema.createTable('appointments', (t) => {
    t.increments('id');
    t.integer('patient_id').notNullable().references('patients.id');
    t.integer('task_id').references('tasks.id');
    t.integer('dept_id').references('departments.id');
    t.string('date', 10).notNullable();
    t.string('note', 500);
    t.string('status', 12).notNullable().defaultTo('booked');
    t.integer('his_written').notNullable().defaultTo(0);
    t.integer('created_by').references('users.id');
    t.string('created_at', 19).notNullable();
    t.index(['patient_id', 'date']);
    t.index(['date']);
  });
  await knex.schema.createTable('education_given', (t) => {
    t.increments('id');
    t.integer('task_id').notNullable().references('tasks.id');
    t.integer('patient_id').notNullable();
    t.string('item_code', 64).notNullable();
    t.integer('given_by').references('users.id');
    t.string('given_at', 19).notNullable();
    t.unique(['task_id', 'item_code']);
    t.index(['patient_id']);
  });
  await knex.schema.createTable('escalations', (t) => {
    t.increments('id');
    t.integer('task_id').notNullable().references('tasks.id');
    t.integer('escalation_task_id').references('tasks.id');
    t.integer('patient_id').notNullable();
    t.integer('dept_id').references('departments.id');
    t.text('triggers').notNullable();
    t.text('note').notNullable();
    t.string('status', 8).notNullable().defaultTo('open');
    t.string('due_at', 19).notNullable();
    t.integer('created_by').references('users.id');
    t.string('created_at', 19).notNullable();
    t.string('closed_at', 19);
    t.integer('closed_by');
    t.index(['status', 'dept_id']);
    t.index(['patient_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['escalations', 'education_given', 'appointments', 'responses', 'attempts']) await knex.schema.dropTable(t);
}
