import type { Knex } from 'knex';

// Saved report specs (a department's, shared with its heads, or a user's own), and the indexes
// the statistics read by: every metric starts from one department's tasks in a due-date range
// (tasks_dept was dropped in 0011 for the queue's sake) and reaches the rows hanging off each
// task by task id, which attempts and responses already index and these did not.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('saved_reports', (t) => {
    t.increments('id');
    t.string('name', 100).notNullable();
    t.integer('dept_id').references('departments.id');
    t.integer('owner_id').notNullable().references('users.id');
    t.text('spec').notNullable();
    t.string('created_at', 19).notNullable();
    t.string('updated_at', 19).notNullable();
    t.index(['dept_id'], 'saved_reports_dept');
    t.index(['owner_id'], 'saved_reports_owner');
  });
  await knex.raw('create index tasks_dept_due on tasks (dept_id, due_date)');
  await knex.raw('create index tasks_due_date on tasks (due_date)');
  await knex.raw('create index escalations_task on escalations (task_id)');
  await knex.raw('create index appointments_task on appointments (task_id)');
  await knex.raw('create index messages_about_task on messages (about_task_id)');
}

export async function down(knex: Knex): Promise<void> {
  for (const name of ['messages_about_task', 'appointments_task', 'escalations_task', 'tasks_due_date', 'tasks_dept_due'])
    await knex.raw(`drop index if exists ${name}`);
  await knex.schema.dropTable('saved_reports');
}
