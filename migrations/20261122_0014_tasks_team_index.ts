import type { Knex } from 'knex';

// "Unclaimed" (pending, workable now, not kept for another nurse) counted from tasks_open meant
// checking every open task's status, available_at and reservation: the costliest query behind the
// queue. Keyed by available_at it is one index range. tasks_team holds the open tasks nobody keeps
// (nearly all), tasks_kept the few kept for a nurse's callback. id follows available_at so new
// tasks land at the end of their day's range: bulk generation pays an append, not a page split.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create index tasks_team on tasks (channel, available_at, id, plan_id, dept_id, kind)
    where status = 'pending' and reserved_for is null`);
  await knex.raw(`create index tasks_kept on tasks (channel, available_at, visible_to_team_at, plan_id, dept_id, kind)
    where status = 'pending' and reserved_for is not null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists tasks_kept');
  await knex.raw('drop index if exists tasks_team');
}
