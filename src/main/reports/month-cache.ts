import type { Knex } from 'knex';
import type { QueryContext } from './metrics/context';
import { filterTasks } from './metrics/context';
import type { Aggregates, FamilyCode, FamilyRows } from './metrics/families';
import type { Dialect } from './metrics/sql';
import { addDays } from './months';
import type { DeptScope } from './scope';

// Closed months' family aggregates, kept per department scope (distinct-patient counts do not add
// up across departments). Triggers of migration 0020 append a month to report_dirty on every
// write that could change it; an entry counts only while no dirty mark of its month is at or after
// the mark taken before it was computed, and while "today" cannot change it (see stableFrom).

export type MonthAggregates = Partial<Record<FamilyCode, Aggregates>>;

/** Entries nobody has recomputed for this long are dropped, so old marks can be pruned. */
const KEEP_DAYS = 31;

export const scopeKey = (scope: DeptScope): string => (scope.all ? 'all' : `d:${[...scope.deptIds].sort((a, b) => a - b).join(',')}`);

const markCol = (d: Dialect) => (d === 'pg' ? 'xid' : 'id');

/** The mark a computation starts at: every write below it is in what the computation reads. */
export async function currentMark(knex: Knex, d: Dialect): Promise<number> {
  if (d === 'pg') {
    const { rows } = await knex.raw('select txid_snapshot_xmin(txid_current_snapshot())::text as mark');
    return Number(rows[0].mark);
  }
  const row = await knex('sqlite_sequence').where({ name: 'report_dirty' }).first('seq');
  return Number(row?.seq ?? 0) + 1;
}

/** The cached months of a scope that are still exact on `today`. */
export async function readCachedMonths(knex: Knex, d: Dialect, scope: DeptScope, months: string[], today: string): Promise<Map<string, MonthAggregates>> {
  const out = new Map<string, MonthAggregates>();
  if (!months.length) return out;
  const rows = await knex('report_month_cache')
    .where({ scope_key: scopeKey(scope) })
    .whereIn('month', months);
  if (!rows.length) return out;
  const dirty = await knex('report_dirty')
    .whereIn(
      'month',
      rows.map((r) => r.month),
    )
    .groupBy('month')
    .select('month', knex.raw(`max(${markCol(d)}) as mark`));
  const lastMark = new Map(dirty.map((r) => [r.month as string, Number(r.mark)]));
  for (const r of rows) {
    if (!r.aggregates) continue;
    const clean = (lastMark.get(r.month) ?? -1) < Number(r.since);
    const sameOnToday = r.computed_on === today || r.computed_on >= r.stable_from;
    if (clean && sameOnToday) out.set(r.month, JSON.parse(r.aggregates));
  }
  return out;
}

/** Family rows grouped by month → month → family → aggregates (months without rows included, empty). */
export function byMonth(months: string[], byFamily: Map<FamilyCode, FamilyRows>): Map<string, MonthAggregates> {
  const out = new Map<string, MonthAggregates>(months.map((m) => [m, {}]));
  for (const [family, rows] of byFamily) for (const [month, aggs] of rows) out.get(month)![family] = aggs;
  return out;
}

/**
 * The first day from which "today" no longer changes a month's figures: overdue compares a
 * task's window end with today, attendance a booking's date + 7 days.
 */
async function stableFrom(ctx: QueryContext): Promise<Map<string, string>> {
  const q = filterTasks(ctx.knex('tasks as t'), ctx, 'month', 't.assignee_id')
    .leftJoin('appointments as ap', (j) => j.on('ap.task_id', 't.id').andOnVal('ap.status', '<>', 'cancelled'))
    .groupByRaw('substr(t.due_date, 1, 7)')
    .select(ctx.knex.raw('substr(t.due_date, 1, 7) as month'), ctx.knex.raw('max(t.window_end) as "windowEnd"'), ctx.knex.raw('max(ap.date) as "booked"'));
  const rows = (await q) as { month: string; windowEnd: string | null; booked: string | null }[];
  const after = (date: string | null, days: number) => (date ? addDays(date, days) : '');
  return new Map(rows.map((r) => [r.month, [after(r.windowEnd, 1), after(r.booked, 8)].sort().at(-1)!]));
}

/**
 * Claim the months about to be computed before taking the mark: a write from then on marks them
 * dirty even on SQLite, whose triggers skip months with no cache row. A claim holds no figures.
 */
export async function reserveMonths(knex: Knex, scope: DeptScope, months: string[], today: string): Promise<void> {
  if (!months.length) return;
  const rows = months.map((month) => ({ scope_key: scopeKey(scope), month, since: 0, computed_on: today, stable_from: '', aggregates: '' }));
  await knex('report_month_cache').insert(rows).onConflict(['scope_key', 'month']).ignore();
}

/** Keep the months just computed (from `mark`, over ctx's period), and prune what no entry needs. */
export async function writeCachedMonths(ctx: QueryContext, months: Map<string, MonthAggregates>, mark: number): Promise<void> {
  if (!months.size) return;
  const { knex, d, today } = ctx;
  const stable = await stableFrom(ctx);
  const rows = [...months].map(([month, aggregates]) => ({
    scope_key: scopeKey(ctx.scope),
    month,
    since: mark,
    computed_on: today,
    stable_from: stable.get(month) ?? '',
    aggregates: JSON.stringify(aggregates),
  }));
  await knex('report_month_cache').insert(rows).onConflict(['scope_key', 'month']).merge();
  await knex('report_month_cache').where('computed_on', '<', addDays(today, -KEEP_DAYS)).delete();
  // A claim pins every mark (its own is not known yet) until its day is over.
  const oldest = await knex('report_month_cache')
    .where((w) => w.whereNot('aggregates', '').orWhere('computed_on', today))
    .min({ since: 'since' })
    .first();
  await knex('report_dirty')
    .where(markCol(d), '<', Number(oldest?.since ?? mark))
    .delete();
}
