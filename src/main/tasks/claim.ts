import type { Knex } from 'knex';
import type { User } from '../../shared/model';
import { notOnTheLineWithOthers } from './live-calls';
import { ApiError } from '../api/errors';
import type { Store } from '../store/store';
import { baseFilters, mine, teamWorkable, type Now, type QueueFilters } from './queue';
import { QUEUE_ORDER, untoldFirst } from './deadline-order';

// Claiming is one conditional UPDATE whose WHERE picks the row: on SQLite the statement takes
// the write lock before it reads, on PostgreSQL the inner SELECT … FOR UPDATE SKIP LOCKED
// passes over rows another transaction is taking. No read-then-write, so two nurses can never
// hold the same task.

export interface Claimed {
  id: number;
  patientId: number;
}

/** `pick` in claiming order: the queue's unless it brings its own. */
async function claimFirst(store: Store, pick: Knex.QueryBuilder, user: User, at: Now, ordered = false): Promise<Claimed | null> {
  const { knex } = store;
  let sub = (ordered ? pick : pick.orderBy(QUEUE_ORDER)).select('t.id').limit(1);
  if (store.dialect === 'pg') sub = sub.forUpdate().skipLocked();
  const rows = await knex('tasks')
    .where('id', sub)
    .where('status', 'pending')
    .update({ status: 'claimed', assignee_id: user.id, claimed_at: at.now, updated_at: at.now })
    .returning(['id', 'patient_id']);
  const row = rows[0] as { id: number; patient_id: number } | undefined;
  return row ? { id: Number(row.id), patientId: Number(row.patient_id) } : null;
}

/** My own callbacks whose time has come first, then the team queue in priority order. */
export async function claimNext(store: Store, f: Partial<QueueFilters>, user: User, at: Now): Promise<Claimed | null> {
  const { knex } = store;
  const filtered = () => {
    let q = baseFilters(knex('tasks as t'), f);
    if (f.colour) q = q.where('t.colour', f.colour);
    return q;
  };
  const own = await claimFirst(store, mine(knex, filtered(), user.id, at).whereRaw("t.status = 'pending'"), user, at);
  if (own) return own;
  // Not a patient who is on the line with a colleague right now (she may be the one calling in).
  const team = () => teamWorkable(filtered(), at).modify(notOnTheLineWithOthers(knex, user.id, at.now));
  // A lost race (rare: SKIP LOCKED or the SQLite write lock already rule it out) just tries again.
  for (let i = 0; i < 3; i++) {
    // A critical value still to be told, the soonest deadline first, before the rest of the queue.
    const claimed = (await claimFirst(store, untoldFirst(knex, team()), user, at, true)) ?? (await claimFirst(store, team(), user, at));
    if (claimed) return claimed;
    const left = await team().select('t.id').first();
    if (!left) return null;
  }
  return null;
}

export async function claimTask(store: Store, taskId: number, user: User, at: Now): Promise<void> {
  const { knex } = store;
  const n = await knex('tasks')
    .where({ id: taskId, status: 'pending' })
    .where((w) => w.whereNull('reserved_for').orWhere('reserved_for', user.id).orWhere('visible_to_team_at', '<=', at.now))
    .update({ status: 'claimed', assignee_id: user.id, claimed_at: at.now, updated_at: at.now });
  if (n) return;
  const t = await knex('tasks as t')
    .leftJoin('users as u', 'u.id', 't.assignee_id')
    .leftJoin('users as r', 'r.id', 't.reserved_for')
    .where('t.id', taskId)
    .first('t.status', 't.assignee_id', 'u.display_name as who', 'r.display_name as reserved');
  if (!t) throw new ApiError('not_found', `task ${taskId} not found`);
  if (t.status === 'claimed' && Number(t.assignee_id) === user.id) return;
  if (t.status === 'claimed') throw new ApiError('conflict', `该任务已被 ${t.who} 领取 (already taken by ${t.who})`);
  if (t.status === 'pending') throw new ApiError('conflict', `该回拨任务为 ${t.reserved} 保留 (callback kept for ${t.reserved})`);
  throw new ApiError('conflict', `该任务已结束 (task is ${t.status})`);
}

export async function releaseTask(store: Store, taskId: number, user: User, at: Now): Promise<void> {
  let q = store.knex('tasks').where({ id: taskId, status: 'claimed' });
  if (user.role !== 'head') q = q.where('assignee_id', user.id);
  const n = await q.update({ status: 'pending', assignee_id: null, claimed_at: null, updated_at: at.now });
  if (!n) throw new ApiError('conflict', '只能放回自己领取的任务 (you can only release a task you hold)');
}
