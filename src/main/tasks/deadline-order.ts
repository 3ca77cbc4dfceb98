import type { Knex } from 'knex';
import { withRowColumns } from './rows';

// Tasks carrying a critical value not yet told come first, soonest deadline first. They are a
// handful, so they are read whole on their own, and the rest of the page in the queue's usual
// order (priority, due date, id): that query stays a scan of the tasks_open index.

export const QUEUE_ORDER = [{ column: 't.priority' }, { column: 't.due_date' }, { column: 't.id' }];
const DEADLINE = '(select min(c.notify_by) from critical_notifications c where c.task_id = t.id and c.told_at is null)';

const untold = (knex: Knex) => knex('critical_notifications as c').select(knex.raw('1')).whereRaw('c.task_id = t.id').whereNull('c.told_at');

/** Narrows a `tasks as t` query to the tasks carrying an untold critical value, soonest deadline first. */
export const untoldFirst = (knex: Knex, q: Knex.QueryBuilder): Knex.QueryBuilder =>
  q.where('t.priority', 0).whereExists(untold(knex)).orderByRaw(DEADLINE).orderBy('t.id');

/** The rest of a `tasks as t` list (exported for EXPLAIN tests). */
export const notCarryingUntold = (knex: Knex, q: Knex.QueryBuilder): Knex.QueryBuilder =>
  q.where((w) => w.where('t.priority', 1).orWhereNotExists(untold(knex)));

/** One page of a `tasks as t` list: untold critical values by deadline, then the queue's order. */
export async function pageByDeadline(knex: Knex, list: () => Knex.QueryBuilder, page: number, pageSize: number): Promise<Record<string, unknown>[]> {
  const urgent = (await withRowColumns(knex, untoldFirst(knex, list()))) as Record<string, unknown>[];
  const offset = (page - 1) * pageSize;
  const head = urgent.slice(offset, offset + pageSize);
  if (head.length === pageSize) return head;
  const rest = await withRowColumns(knex, notCarryingUntold(knex, list()))
    .orderBy(QUEUE_ORDER)
    .limit(pageSize - head.length)
    .offset(Math.max(0, offset - urgent.length));
  return [...head, ...rest];
}
