import type { Knex } from 'knex';

// A nurse's own completed follow-ups (today / this week, tasks.myCompleted) read one short range
// of this index instead of scanning every task the team ever closed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => t.index(['completed_by', 'completed_at'], 'tasks_completed_by'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => t.dropIndex(['completed_by', 'completed_at'], 'tasks_completed_by'));
}
