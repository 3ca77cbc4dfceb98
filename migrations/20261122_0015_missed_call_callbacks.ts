import type { Knex } from 'knex';

// Which callback task returns which missed incoming call. The primary key makes the missed-call
// hook idempotent (a repeated end report, two workstations reporting one call) on both stores;
// several missed calls of one patient point at the one open callback task.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('missed_call_callbacks', (t) => {
    t.integer('call_id').primary().references('calls.id');
    t.integer('patient_id').notNullable().references('patients.id');
    // Null: the patient has no enrolment to hang a task on; the call stays in the missed list.
    t.integer('task_id').references('tasks.id');
    t.string('created_at', 19).notNullable();
    t.index(['task_id'], 'missed_call_callbacks_task');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('missed_call_callbacks');
}
