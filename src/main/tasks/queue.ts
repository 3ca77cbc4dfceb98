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

/** Claimed by me, or a callback kept for me (each set read from its own tiny partial index). */
export const mine = (knex: Knex, q: Knex.QueryBuilder, userId: number, at: Now | null): Knex.QueryBuilder =>
  q.whereIn('t.id', knex('tasks').select('id').whereRaw("status = 'claimed'").where('assignee_id', userId)
    .unionAll((u) => {
      u.select('id').from('tasks').whereRaw("status = 'pending' and callback_at is not null").where('reserved_for', userId);
      if (at) u.where('available_at', '<=', at.now);
    }));

function scoped(knex: Knex, q: Knex.QueryBuilder, input: QueueParsed, user: User, at: Now): Knex.QueryBuilder {
  const mineOpen = input.scope === 'mine' && input.due === 'open';
  if (input.scope === 'mine') q = mine(knex, q, user.id, mineOpen ? at : null);
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

/**
 * The queries behind QueueCounts (exported for EXPLAIN tests). Each reads an index range or a
 * tiny partial index; only `unclaimed` walks the open set (covered by tasks_open).
 */
export function countQueries(knex: Knex, f: Partial<QueueFilters>, user: User, at: Now): Record<keyof QueueCounts, Knex.QueryBuilder[]> {
  const base = () => baseFilters(knex('tasks as t'), f);
  // priority IN (0, 1) turns "due before today" into two ranges of the (channel, priority, due_date) key.
  const byDue = () => base().whereIn('t.priority', [0, 1]);
  return {
    mine: [
      base().whereRaw("t.status = 'claimed'").where('t.assignee_id', user.id),
      base().whereRaw("t.status = 'pending' and t.callback_at is not null").where('t.reserved_for', user.id),
    ],
    unclaimed: [teamWorkable(base(), at)],
    overdue: [byDue().where('t.due_date', '<', at.today)],
    dueToday: [byDue().where('t.due_date', at.today)],
    red: [base().where('t.priority', 0)],
    callbacksDue: [base().whereRaw("t.status = 'pending' and t.callback_at is not null").where('t.available_at', '<=', at.now)
      .where((w) => w.where('t.reserved_for', user.id).orWhere('t.visible_to_team_at', '<=', at.now))],
  };
}

export async function queueCounts(knex: Knex, f: Partial<QueueFilters>, user: User, at: Now): Promise<QueueCounts> {
  const out = {} as QueueCounts;
  for (const [k, qs] of Object.entries(countQueries(knex, f, user, at))) {
    let n = 0;
    for (const q of qs) n += await count(q);
    out[k as keyof QueueCounts] = n;
  }
  return out;
}

/** The filtered task query in queue order, before paging (exported for EXPLAIN tests). */
export const listQuery = (knex: Knex, input: QueueParsed, user: User, at: Now): Knex.QueryBuilder =>
  scoped(knex, baseFilters(knex('tasks as t'), input), input, user, at);

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
