import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('enrolments', (t) => {
    t.increments('id');
    t.integer('plan_id').notNullable().references('plans.id');
    t.integer('plan_version_id').notNullable().references('plan_versions.id');
    t.integer('patient_id').notNullable().references('patients.id');
    t.integer('anchor_encounter_id').references('encounters.id');
    t.string('anchor_date', 10).notNullable();
    t.string('admit_date', 10);
    t.string('treatment_start_date', 10);
    t.integer('dept_id').references('departments.id');
    t.string('status', 12).notNullable(); // active | stopped | completed
    t.string('stop_reason', 32);
    t.string('stopped_at', 19);
    t.string('rule_id', 64);
    t.string('matched_rule', 512).notNullable();
    t.string('enrolled_at', 19).notNullable();
    // The date the next point's task must exist by; null once every point has a task.
    // Generation only reads enrolments with next_generate_on <= horizon, so it is incremental.
    t.string('next_generate_on', 10);
    t.integer('unreachable_streak').notNullable().defaultTo(0);
    t.unique(['plan_id', 'patient_id', 'anchor_encounter_id']);
    t.index(['status', 'next_generate_on'], 'enrolments_generate');
    t.index(['patient_id', 'status'], 'enrolments_patient');
    t.index(['plan_id', 'status'], 'enrolments_plan');
  });
  await knex.schema.createTable('tasks', (t) => {
    t.increments('id');
    t.string('kind', 12).notNullable(); // followup | escalation
    t.integer('enrolment_id').notNullable().references('enrolments.id');
    t.integer('plan_id').notNullable();
    t.integer('plan_version_id').notNullable();
    t.integer('patient_id').notNullable();
    t.integer('dept_id');
    t.string('track_id', 64).notNullable();
    t.integer('point_index').notNullable();
    t.string('point_label', 64);
    t.string('due_date', 10).notNullable();
    t.string('window_start', 10).notNullable();
    t.string('window_end', 10).notNullable();
    t.string('channel', 8).notNullable(); // call | sms
    t.string('questionnaire_id', 64);
    t.integer('questionnaire_version');
    t.text('education'); // JSON array of item codes
    // Queue order: priority (0 = critical value or red warning, 1 = the rest), due date, id.
    t.integer('priority').notNullable().defaultTo(1);
    t.integer('critical').notNullable().defaultTo(0);
    t.string('colour', 8);
    t.string('priority_reason', 256);
    t.string('status', 12).notNullable(); // pending | claimed | done | satisfied | unreachable | cancelled
    t.string('available_at', 19).notNullable();
    t.integer('assignee_id').references('users.id');
    t.string('claimed_at', 19);
    t.integer('reserved_for').references('users.id');
    t.string('callback_at', 19);
    t.string('visible_to_team_at', 19);
    t.integer('retry_count').notNullable().defaultTo(0);
    t.string('satisfied_reason', 256);
    t.integer('satisfied_encounter_id');
    t.string('disposition', 16);
    t.text('note');
    t.string('completed_at', 19);
    t.integer('completed_by');
    t.string('created_at', 19).notNullable();
    t.string('updated_at', 19).notNullable();
    t.unique(['enrolment_id', 'track_id', 'point_index', 'kind']);
    t.index(['status', 'channel', 'priority', 'due_date', 'id'], 'tasks_queue');
    t.index(['status', 'channel', 'due_date'], 'tasks_due');
    // Covers "workable by the team now" (counts and claimNext) without reading the table.
    t.index(['status', 'channel', 'available_at', 'reserved_for', 'visible_to_team_at'], 'tasks_available');
    t.index(['plan_id', 'status', 'priority', 'due_date'], 'tasks_plan');
    t.index(['dept_id', 'status', 'priority', 'due_date'], 'tasks_dept');
    t.index(['assignee_id', 'status'], 'tasks_assignee');
    t.index(['reserved_for', 'status'], 'tasks_reserved');
    t.index(['patient_id', 'status'], 'tasks_patient');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tasks');
  await knex.schema.dropTable('enrolments');
}
