import type { Knex } from 'knex';
import type { UserSummary } from '../../shared/contract/users';
import { namePinyin } from '../his/normalise/pinyin';
import type { Clock } from '../util/clock';
import { accountLocks } from './throttle';

// The admin's list of users: role, departments, enabled, locked, last sign-in.

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: UserSummary['role'];
  active: number;
}

/** Every user (or only `onlyId`), sorted as Chinese readers expect: by the pinyin of the name, then the username. */
export async function listUsers(knex: Knex, clock: Clock, onlyId?: number): Promise<UserSummary[]> {
  const only = <Q extends Knex.QueryBuilder>(q: Q, column: string): Q => (onlyId === undefined ? q : (q.where(column, onlyId) as Q));
  const users = (await only(knex('users').select('id', 'username', 'display_name', 'role', 'active'), 'id')) as Row[];
  const links = await only(knex('user_departments').orderBy('dept_id').select('user_id', 'dept_id'), 'user_id');
  const byUser = new Map<number, number[]>();
  for (const l of links) byUser.set(Number(l.user_id), [...(byUser.get(Number(l.user_id)) ?? []), Number(l.dept_id)]);
  const locks = await accountLocks(knex, clock);
  // Scans the sign-ins in the audit log: fine for an admin's page, not for a hot path.
  const signIns = (await only(
    knex('audit_log').where({ action: 'login' }).whereNotNull('user_id').groupBy('user_id').select('user_id').max({ last: 'at' }),
    'user_id',
  )) as { user_id: number; last: string }[];
  const lastSignIn = new Map(signIns.map((s) => [Number(s.user_id), s.last]));
  const sortKey = (u: Row) => namePinyin(u.display_name).full || u.display_name.toLowerCase();
  return users
    .map((u) => ({ u, key: sortKey(u) }))
    .sort((a, b) => cmp(a.key, b.key) || cmp(a.u.display_name, b.u.display_name) || cmp(a.u.username, b.u.username))
    .map(({ u }) => ({
      id: Number(u.id),
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      deptIds: byUser.get(Number(u.id)) ?? [],
      active: Number(u.active) === 1,
      lockedUntil: locks.get(u.username) ?? null,
      lastSignInAt: lastSignIn.get(Number(u.id)) ?? null,
    }));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One user's summary, or undefined when there is no such user. */
export async function userSummary(knex: Knex, clock: Clock, userId: number): Promise<UserSummary | undefined> {
  return (await listUsers(knex, clock, userId))[0];
}
