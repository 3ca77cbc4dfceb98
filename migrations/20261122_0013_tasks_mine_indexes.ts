import type { Knex } from 'knex';

// Two tiny partial indexes for "mine": the tasks a nurse holds and the callbacks kept for her.
// Both sets are a handful of rows per nurse, so the counts and the "mine" list read only them
// instead of the whole open set; new tasks are in neither, so generation does not pay for them.
export async function up(knex: Knex): Promise<void> {
  await knex.raw("create index tasks_claimed on tasks (assignee_id, channel) where status = 'claimed'");
  await knex.raw(`create index tasks_callbacks on tasks (channel, available_at, reserved_for, visible_to_team_at)
    where status = 'pending' and callback_at is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists tasks_callbacks');
  await knex.raw('drop index if exists tasks_claimed');
}
