import type { Knex } from 'knex';
import type { AttemptOutcome, QueueRow } from '../../shared/contract/followup';
import { maskPhone } from '../auth/permissions';
import { liveCallsByPatient } from './live-calls';
import { criticalDeadlines } from '../critical-values/read';

// What a queue row shows beside the task itself: the last dial, for a callback the missed call
// it returns, the critical-value deadline it carries, and a call the patient is on right now. Read for the page's task ids only,
// after the page query, so the page and count queries stay as they are (they are tuned to
// index-only scans of the open set).

export type RowExtras = Pick<QueueRow, 'lastAttempt' | 'missedCall' | 'criticalDeadline' | 'liveCall'>;
const NONE: RowExtras = { lastAttempt: null, missedCall: null, criticalDeadline: null, liveCall: null };

/** Each task's latest attempt, from the attempts(task_id) index (exported for EXPLAIN tests). */
export const lastAttemptQuery = (knex: Knex, taskIds: number[]): Knex.QueryBuilder =>
  knex('attempts as a')
    .join(knex('attempts').whereIn('task_id', taskIds).groupBy('task_id').select('task_id').max({ id: 'id' }).as('l'), 'l.id', 'a.id')
    .select('a.task_id', 'a.outcome', 'a.started_at');

/** The missed calls linked to these tasks (a handful per callback at most). */
export const missedCallQuery = (knex: Knex, taskIds: number[]): Knex.QueryBuilder =>
  knex('missed_call_callbacks as m')
    .join('calls as c', 'c.id', 'm.call_id')
    .whereIn('m.task_id', taskIds)
    .orderBy([{ column: 'c.started_at' }, { column: 'c.id' }])
    .select('m.task_id', 'c.number', 'c.started_at');

export async function rowExtras(
  knex: Knex,
  rows: Record<string, unknown>[],
  { fullPhone, viewerId, now }: { fullPhone: boolean; viewerId: number; now: string },
): Promise<(id: number) => RowExtras> {
  const out = new Map<number, RowExtras>();
  const get = (id: number) => out.get(id) ?? out.set(id, { ...NONE }).get(id)!;
  if (!rows.length) return () => NONE;
  const ids = rows.map((r) => Number(r.id));
  for (const a of (await lastAttemptQuery(knex, ids)) as { task_id: number; outcome: AttemptOutcome; started_at: string }[])
    get(Number(a.task_id)).lastAttempt = { at: a.started_at, outcome: a.outcome };
  // Only critical tasks carry a deadline: most pages need no query.
  const critical = rows.filter((r) => Number(r.critical) === 1).map((r) => Number(r.id));
  if (critical.length) for (const [id, d] of await criticalDeadlines(knex, critical)) get(id).criticalDeadline = d;
  // Only callbacks return missed calls: most pages need no second query.
  const callbacks = rows.filter((r) => r.kind === 'callback' || r.callback_at != null).map((r) => Number(r.id));
  if (callbacks.length) {
    for (const c of (await missedCallQuery(knex, callbacks)) as { task_id: number; number: string; started_at: string }[]) {
      // Oldest first: the row keeps the latest call and how many there were.
      const x = get(Number(c.task_id));
      x.missedCall = { at: c.started_at, number: fullPhone ? c.number : (maskPhone(c.number) ?? ''), count: (x.missedCall?.count ?? 0) + 1 };
    }
  }
  const live = await liveCallsByPatient(
    knex,
    rows.map((r) => Number(r.patient_id)),
    viewerId,
    now,
  );
  for (const r of rows) if (live.has(Number(r.patient_id))) get(Number(r.id)).liveCall = live.get(Number(r.patient_id))!;
  return (id) => out.get(id) ?? NONE;
}
