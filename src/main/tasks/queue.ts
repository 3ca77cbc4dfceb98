import type { Knex } from 'knex';
import type { QueueCounts, QueueResult } from '../../shared/contract/followup';
import type { MethodParsed } from '../../shared/contract';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { toQueueRows, withRowColumns } from './rows';

export type QueueParsed = MethodParsed<'tasks.queue'>;
export type QueueFilters = Pick<QueueParsed, 'planId' | 'deptId' | 'colour' | 'kind' | 'channel'>;
export interface Now { today: string; now: string }

/**
 * Open tasks only, then plan / department / kind / channel (the filters counts respect). The
 * literal `status in ('pending','claimed')` lets SQLite use the partial index tasks_open.
 */
export function baseFilters(q: Knex.QueryBuilder, f: Partial<QueueFilters>): Knex.QueryBuilder {
  // A literal, not bound parameters: SQLite matches a partial index's WHERE only against literals.
  q = q.whereRaw("t.status in ('pending', 'claimed')").where('t.channel', f.channel ?? 'call');
  if (f.planId) q = q.where('t.plan_id', f.planId);
  if (f.deptId) q = q.where('t.dept_id', f.deptId);
  if (f.kind) q = q.where('t.kind', f.kind);
  return q;
}

/** Pending, workable now, and not kept for another nurse's callback. */
export const teamWorkable = (q: Knex.QueryBuilder, at: Now): Knex.QueryBuilder =>
  q.where('t.status', 'pending').where('t.available_at', '<=', at.now)
    .where((w) => w.whereNull('t.reserved_for').orWhere('t.visible_to_team_at', '<=', at.now));

export const mine = (q: Knex.QueryBuilder, userId: number, at: Now | null): Knex.QueryBuilder =>
  q.where((w) => w
    .where((c) => c.where('t.status', 'claimed').where('t.assignee_id', userId))
    .orWhere((c) => {
      c.where('t.status', 'pending').where('t.reserved_for', userId);
      if (at) c.where('t.available_at', '<=', at.now);
    }));

function scoped(q: Knex.QueryBuilder, input: QueueParsed, user: User, at: Now): Knex.QueryBuilder {
  const mineOpen = input.scope === 'mine' && input.due === 'open';
  if (input.scope === 'mine') q = mine(q, user.id, mineOpen ? at : null);
  else if (input.scope === 'team') q = q.where('t.status', 'pending').where((w) => w.whereNull('t.reserved_for').orWhere('t.visible_to_team_at', '<=', at.now));
  if (input.due === 'open' && !mineOpen) q = q.where('t.available_at', '<=', at.now);
  if (input.due === 'overdue') q = q.where('t.due_date', '<', at.today);
  if (input.due === 'today') q = q.where('t.due_date', at.today);
  if (input.due === 'upcoming') q = q.where('t.available_at', '>', at.now);
  if (input.colour) q = q.where('t.colour', input.colour);
  if (input.callback === 'only') q = q.whereNotNull('t.callback_at');
  if (input.callback === 'exclude') q = q.whereNull('t.callback_at');
  if (input.callbackFrom) q = q.where('t.callback_at', '>=', input.callbackFrom);
  if (input.callbackTo) q = q.where('t.callback_at', '<=', input.callbackTo);
  return q;
}

const count = async (q: Knex.QueryBuilder): Promise<number> => Number((await q.count({ n: '*' }))[0].n);

/** Every count in one pass over the open tasks (an index-only scan of tasks_open). */
export function countsQuery(knex: Knex, f: Partial<QueueFilters>, user: User, at: Now): Knex.QueryBuilder {
  const sum = (cond: string) => `coalesce(sum(case when ${cond} then 1 else 0 end), 0)`;
  return baseFilters(knex('tasks as t'), f).select(knex.raw([
    `${sum("(t.status = 'claimed' and t.assignee_id = ?) or (t.status = 'pending' and t.reserved_for = ?)")} as mine`,
    `${sum("t.status = 'pending' and t.available_at <= ? and (t.reserved_for is null or t.visible_to_team_at <= ?)")} as unclaimed`,
    `${sum('t.due_date < ?')} as overdue`,
    `${sum('t.due_date = ?')} as due_today`,
    `${sum('t.priority = 0')} as red`,
    `${sum("t.status = 'pending' and t.callback_at is not null and t.available_at <= ? and (t.reserved_for = ? or t.visible_to_team_at <= ?)")} as callbacks_due`,
  ].join(', '), [user.id, user.id, at.now, at.now, at.today, at.today, at.now, user.id, at.now]));
}

export async function queueCounts(knex: Knex, f: Partial<QueueFilters>, user: User, at: Now): Promise<QueueCounts> {
  const [r] = await countsQuery(knex, f, user, at);
  return {
    mine: Number(r.mine), unclaimed: Number(r.unclaimed), overdue: Number(r.overdue), dueToday: Number(r.due_today),
    red: Number(r.red), callbacksDue: Number(r.callbacks_due),
  };
}

/** The filtered task query in queue order, before paging (exported for EXPLAIN tests). */
export const listQuery = (knex: Knex, input: QueueParsed, user: User, at: Now): Knex.QueryBuilder =>
  scoped(baseFilters(knex('tasks as t'), input), input, user, at);

export async function queue(knex: Knex, input: QueueParsed, user: User, at: Now): Promise<QueueResult> {
  if (input.scope === 'all' && user.role === 'nurse') throw new ApiError('forbidden', '只有护士长可查看全部任务 (only a head sees every task)');
  const counts = await queueCounts(knex, input, user, at);
  // The default view (the team's workable tasks) is one of the counts: no second pass.
  const plain = input.scope === 'team' && input.due === 'open' && !input.colour && !input.callback && !input.callbackFrom && !input.callbackTo;
  const total = plain ? counts.unclaimed : await count(listQuery(knex, input, user, at));
  const rows = total === 0 ? [] : await withRowColumns(knex, listQuery(knex, input, user, at))
    .orderBy([{ column: 't.priority' }, { column: 't.due_date' }, { column: 't.id' }])
    .limit(input.pageSize).offset((input.page - 1) * input.pageSize);
  return {
    total, page: input.page, pageSize: input.pageSize,
    rows: await toQueueRows(knex, rows, user.role, at.today),
    counts,
  };
}
