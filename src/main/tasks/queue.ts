import type { Knex } from 'knex';
import type { QueueCounts, QueueResult } from '../../shared/contract/followup';
import type { MethodParsed } from '../../shared/contract';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { patientsForSearch } from './queue-search';
import { toQueueRows } from './rows';
import { pageByDeadline } from './deadline-order';
import type { Now } from './work';

/**
 * `scopeDeptIds`: set by main (never by the caller) for a head, whose tasks are her departments'.
 * `patientIds`: what `search` names, looked up by queue() before the list query.
 */
export type QueueParsed = MethodParsed<'tasks.queue'> & { scopeDeptIds?: number[]; patientIds?: number[] };
export type QueueFilters = Pick<QueueParsed, 'planId' | 'deptId' | 'colour' | 'kind' | 'channel' | 'scopeDeptIds'>;
export type { Now };

/**
 * Open tasks only, then plan / department / kind / channel (the filters counts respect). The
 * literal `status in ('pending','claimed')` lets SQLite use the partial index tasks_open; a
 * narrower `open` set names another partial index's WHERE.
 */
export function baseFilters(q: Knex.QueryBuilder, f: Partial<QueueFilters>, open = "t.status in ('pending', 'claimed')"): Knex.QueryBuilder {
  // A literal, not bound parameters: SQLite matches a partial index's WHERE only against literals.
  q = q.whereRaw(open).where('t.channel', f.channel ?? 'call');
  if (f.planId) q = q.where('t.plan_id', f.planId);
  if (f.deptId) q = q.where('t.dept_id', f.deptId);
  if (f.scopeDeptIds) q = q.whereIn('t.dept_id', f.scopeDeptIds);
  if (f.kind) q = q.where('t.kind', f.kind);
  return q;
}

/** Pending, workable now, and not kept for another nurse's callback. */
export const teamWorkable = (q: Knex.QueryBuilder, at: Now): Knex.QueryBuilder =>
  q
    .where('t.status', 'pending')
    .where('t.available_at', '<=', at.now)
    .where((w) => w.whereNull('t.reserved_for').orWhere('t.visible_to_team_at', '<=', at.now));

/** Claimed by me, or a callback kept for me (each set read from its own tiny partial index). */
export const mine = (knex: Knex, q: Knex.QueryBuilder, userId: number, at: Now | null): Knex.QueryBuilder =>
  q.whereIn(
    't.id',
    knex('tasks')
      .select('id')
      .whereRaw("status = 'claimed'")
      .where('assignee_id', userId)
      .unionAll((u) => {
        u.select('id').from('tasks').whereRaw("status = 'pending' and callback_at is not null").where('reserved_for', userId);
        if (at) u.where('available_at', '<=', at.now);
      }),
  );

function scoped(knex: Knex, q: Knex.QueryBuilder, input: QueueParsed, user: User, at: Now): Knex.QueryBuilder {
  const mineOpen = input.scope === 'mine' && input.due === 'open';
  if (input.scope === 'mine') q = mine(knex, q, user.id, mineOpen ? at : null);
  else if (input.scope === 'team') q = q.where('t.status', 'pending').where((w) => w.whereNull('t.reserved_for').orWhere('t.visible_to_team_at', '<=', at.now));
  if (input.due === 'open' && !mineOpen) q = q.where('t.available_at', '<=', at.now);
  // priority IN (0, 1) (every priority) turns a due date into ranges of tasks_open's key.
  if (input.due === 'overdue') q = q.whereIn('t.priority', [0, 1]).where('t.due_date', '<', at.today);
  if (input.due === 'today') q = q.whereIn('t.priority', [0, 1]).where('t.due_date', at.today);
  if (input.due === 'upcoming') q = q.where('t.available_at', '>', at.now);
  // Red always has priority 0 (see the tasks table), which is a short range of tasks_open.
  if (input.colour === 'red') q = q.where('t.priority', 0);
  if (input.colour) q = q.where('t.colour', input.colour);
  if (input.callback === 'only') q = q.whereNotNull('t.callback_at');
  if (input.callback === 'exclude') q = q.whereNull('t.callback_at');
  if (input.callbackFrom) q = q.where('t.callback_at', '>=', input.callbackFrom);
  if (input.callbackTo) q = q.where('t.callback_at', '<=', input.callbackTo);
  if (input.patientIds) q = q.whereIn('t.patient_id', input.patientIds);
  return q;
}

/**
 * The queries behind QueueCounts (exported for EXPLAIN tests). Each reads an index range or a
 * tiny partial index: tasks_open (by due date and priority), tasks_team (workable from
 * available_at), tasks_kept, tasks_claimed and tasks_callbacks.
 */
export function countQueries(knex: Knex, f: Partial<QueueFilters>, user: User, at: Now): Record<keyof QueueCounts, Knex.QueryBuilder[]> {
  const base = (open?: string) => baseFilters(knex('tasks as t'), f, open);
  // priority IN (0, 1) turns "due before today" into two ranges of the (channel, priority, due_date) key.
  const byDue = () => base().whereIn('t.priority', [0, 1]);
  return {
    mine: [
      base().whereRaw("t.status = 'claimed'").where('t.assignee_id', user.id),
      base().whereRaw("t.status = 'pending' and t.callback_at is not null").where('t.reserved_for', user.id),
    ],
    // teamWorkable as two ranges: tasks nobody keeps, and kept ones shown to the team by now.
    // Only the partial indexes' own WHERE, so that SQLite sees them as covering.
    unclaimed: [
      base("t.status = 'pending' and t.reserved_for is null").where('t.available_at', '<=', at.now),
      base("t.status = 'pending' and t.reserved_for is not null").where('t.available_at', '<=', at.now).where('t.visible_to_team_at', '<=', at.now),
    ],
    overdue: [byDue().where('t.due_date', '<', at.today)],
    dueToday: [byDue().where('t.due_date', at.today)],
    red: [base().where('t.priority', 0)],
    callbacksDue: [
      base()
        .whereRaw("t.status = 'pending' and t.callback_at is not null")
        .where('t.available_at', '<=', at.now)
        .where((w) => w.where('t.reserved_for', user.id).orWhere('t.visible_to_team_at', '<=', at.now)),
    ],
  };
}

/** Sums of counts in one statement (one round trip, each subquery on its own index). */
async function countAll<K extends string>(knex: Knex, named: Record<K, Knex.QueryBuilder[]>): Promise<Record<K, number>> {
  const cols: Record<string, Knex.QueryBuilder> = {};
  for (const [k, qs] of Object.entries<Knex.QueryBuilder[]>(named))
    qs.forEach((q, i) => {
      cols[`${k}_${i}`] = q.count({ n: '*' });
    });
  const [row] = await knex.select(cols);
  const out = {} as Record<K, number>;
  for (const [k, qs] of Object.entries<Knex.QueryBuilder[]>(named)) out[k as K] = qs.reduce((n: number, _, i) => n + Number(row[`${k}_${i}`]), 0);
  return out;
}

export const queueCounts = (knex: Knex, f: Partial<QueueFilters>, user: User, at: Now): Promise<QueueCounts> => countAll(knex, countQueries(knex, f, user, at));

/**
 * The team's overdue or due-today total (the team's view without the filters the counts do not
 * share) without a pass over the open tasks: that count (already among the counts) less the
 * claimed and the kept-out-of-sight, both tiny partial indexes.
 */
function teamDueTotal(knex: Knex, input: QueueParsed, at: Now): { of: 'overdue' | 'dueToday'; less: Knex.QueryBuilder[] } | null {
  if (input.due !== 'overdue' && input.due !== 'today') return null;
  const due = (q: Knex.QueryBuilder) => (input.due === 'overdue' ? q.where('t.due_date', '<', at.today) : q.where('t.due_date', at.today));
  return {
    of: input.due === 'overdue' ? 'overdue' : 'dueToday',
    less: [
      due(baseFilters(knex('tasks as t'), input, "t.status = 'claimed'")),
      due(baseFilters(knex('tasks as t'), input, "t.status = 'pending' and t.reserved_for is not null")).where((w) =>
        w.whereNull('t.visible_to_team_at').orWhere('t.visible_to_team_at', '>', at.now),
      ),
    ],
  };
}

/** The filtered task query in queue order, before paging (exported for EXPLAIN tests). */
export const listQuery = (knex: Knex, input: QueueParsed, user: User, at: Now): Knex.QueryBuilder =>
  scoped(knex, baseFilters(knex('tasks as t'), input), input, user, at);

export async function queue(knex: Knex, parsed: QueueParsed, user: User, at: Now): Promise<QueueResult> {
  if (parsed.scope === 'all' && user.role === 'nurse') throw new ApiError('forbidden', '只有护士长可查看全部任务 (only a head sees every task)');
  // A search narrows the list only; the counts stay the queue's, so the tabs do not jump.
  const input = parsed.search ? { ...parsed, patientIds: await patientsForSearch(knex, parsed.search) } : parsed;
  // The default view (the team's workable tasks) is one of the counts, the team's overdue and
  // due-today nearly so; any other total is read in the same statement as the counts.
  const unfiltered = input.scope === 'team' && !input.colour && !input.callback && !input.callbackFrom && !input.callbackTo && !input.patientIds;
  const plain = unfiltered && input.due === 'open';
  const due = unfiltered && !plain ? teamDueTotal(knex, input, at) : null;
  const {
    total: listed,
    less,
    ...counts
  } = await countAll(knex, {
    ...countQueries(knex, input, user, at),
    total: plain || due ? [] : [listQuery(knex, input, user, at)],
    less: due?.less ?? [],
  });
  const total = plain ? counts.unclaimed : due ? counts[due.of] - less : listed;
  const rows = total === 0 ? [] : await pageByDeadline(knex, () => listQuery(knex, input, user, at), input.page, input.pageSize);
  return {
    total,
    page: input.page,
    pageSize: input.pageSize,
    rows: await toQueueRows(knex, rows, user, at),
    counts,
  };
}
