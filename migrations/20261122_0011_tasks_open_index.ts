import type { Knex } from 'knex';

// The queue only ever reads open tasks (a few percent of a store that keeps every task for
// reports), so one partial index over open tasks, in queue order and covering every column the
// queue filters and counts on, replaces the per-filter indexes: the page, the total and the
// counts are index-only scans of the open set, and a task leaves the index once it is closed.
// Fewer indexes also keep bulk task generation cheap.
const DROPPED = ['tasks_queue', 'tasks_due', 'tasks_available', 'tasks_plan', 'tasks_dept', 'tasks_assignee', 'tasks_reserved', 'tasks_patient'];

export async function up(knex: Knex): Promise<void> {
  for (const name of DROPPED) await knex.raw(`drop index if exists ${name}`);
  await knex.raw(`create index tasks_open on tasks (channel, priority, due_date, id, status, available_at, reserved_for, visible_to_team_at,
    assignee_id, callback_at, plan_id, dept_id, kind, colour) where status in ('pending', 'claimed')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists tasks_open');
  await knex.schema.alterTable('tasks', (t) => {
    t.index(['status', 'channel', 'priority', 'due_date', 'id'], 'tasks_queue');
    t.index(['plan_id', 'status', 'priority', 'due_date'], 'tasks_plan');
    t.index(['dept_id', 'status', 'priority', 'due_date'], 'tasks_dept');
    t.index(['assignee_id', 'status'], 'tasks_assignee');
    t.index(['reserved_for', 'status'], 'tasks_reserved');
    t.index(['patient_id', 'status'], 'tasks_patient');
  });
}
