import type { Knex } from 'knex';
import type { MethodParsed } from '../../shared/contract';
import type { Role } from '../../shared/model';
import { ApiError } from '../api/errors';
import type { Clock } from '../util/clock';
import { assertPasswordAllowed } from './password-policy';
import { unlock } from './throttle';
import { setDepartments } from './user-departments';
import { createUser, endSessions, setPassword } from './users';

// What an admin changes about users. Users are never deleted (calls, follow-ups and the audit
// log point at them): one who leaves is disabled, which ends her sessions at once.

interface Row {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  active: number;
}

const conflict = (message: string) => new ApiError('conflict', message);
const notFound = (userId: number) => new ApiError('not_found', `用户不存在 (user ${userId} not found)`);
const isPg = (knex: Knex) => /^(pg|postgres)/.test(String(knex.client.config.client));

/** Adds a user with her departments; the password must pass the policy, the name be new (in any case). */
export async function addUser(trx: Knex.Transaction, clock: Clock, input: MethodParsed<'users.create'>): Promise<number> {
  assertPasswordAllowed(input.username, input.password);
  const taken = await trx('users').whereRaw('lower(username) = ?', [input.username.toLowerCase()]).first('username');
  if (taken) throw conflict(`用户名 ${taken.username} 已存在 (the username ${taken.username} is taken)`);
  const user = await createUser(trx, clock, { username: input.username, displayName: input.displayName, role: input.role, password: input.password });
  await setDepartments(trx, user.id, input.deptIds);
  return user.id;
}

/** Runs `add` (a transaction calling addUser); two admins adding the same name at once: the unique index decides. */
export async function asNewUsername<T>(username: string, add: () => Promise<T>): Promise<T> {
  try {
    return await add();
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    if (e.code === '23505' || (typeof e.message === 'string' && /UNIQUE constraint failed: users\.username/.test(e.message)))
      throw conflict(`用户名 ${username} 已存在 (the username ${username} is taken)`);
    throw err;
  }
}

export interface UserChange {
  before: Pick<Row, 'display_name' | 'role' | 'active'>;
  after: Pick<Row, 'display_name' | 'role' | 'active'>;
  sessionsEnded: number;
}

/**
 * Renames, changes the role of, disables or enables a user. An admin may not disable or demote
 * herself, and the last active admin may not be disabled or demoted by anyone: the target and
 * every active admin are locked first (in id order, so two admins disabling each other at once
 * wait rather than deadlock, and the second sees the first's change).
 */
export async function changeUser(trx: Knex.Transaction, actorId: number, input: MethodParsed<'users.update'>): Promise<UserChange> {
  const q = trx('users')
    .where('id', input.userId)
    .orWhere((w) => w.where({ role: 'admin', active: 1 }))
    .orderBy('id')
    .select('id', 'username', 'display_name', 'role', 'active');
  const rows = ((await (isPg(trx) ? q.forUpdate() : q)) as Row[]).map((r) => ({ ...r, id: Number(r.id), active: Number(r.active) }));
  const target = rows.find((r) => r.id === input.userId);
  if (!target) throw notFound(input.userId);
  const before = { display_name: target.display_name, role: target.role, active: target.active };
  const after = {
    display_name: input.displayName ?? before.display_name,
    role: input.role ?? before.role,
    active: input.active === undefined ? before.active : input.active ? 1 : 0,
  };
  const wasAdmin = before.role === 'admin' && before.active === 1;
  const staysAdmin = after.role === 'admin' && after.active === 1;
  if (target.id === actorId && before.active === 1 && after.active === 0) throw conflict('不能停用自己的账号 (you cannot disable your own account)');
  if (target.id === actorId && before.role === 'admin' && after.role !== 'admin')
    throw conflict('不能取消自己的管理员角色 (you cannot take away your own admin role)');
  if (wasAdmin && !staysAdmin && !rows.some((r) => r.id !== target.id && r.role === 'admin' && r.active === 1))
    throw conflict('这是最后一个启用的管理员，不能停用或改为其他角色 (this is the last active admin: she cannot be disabled or given another role)');
  await trx('users').where({ id: target.id }).update(after);
  const sessionsEnded = after.active === 0 ? await endSessions(trx, target.id) : 0;
  return { before, after, sessionsEnded };
}

/**
 * A new password chosen by an admin (it must pass the policy): every session of that user ends
 * (but the caller's own, when she resets her own), and a sign-in lockout is lifted.
 */
export async function resetPassword(
  trx: Knex.Transaction,
  input: MethodParsed<'users.resetPassword'>,
  callerToken: string | null,
): Promise<{ username: string; sessionsEnded: number; unlocked: boolean }> {
  const row = (await trx('users').where({ id: input.userId }).first('username')) as { username: string } | undefined;
  if (!row) throw notFound(input.userId);
  assertPasswordAllowed(row.username, input.password);
  await setPassword(trx, input.userId, input.password);
  const sessionsEnded = await endSessions(trx, input.userId, callerToken);
  const unlocked = await unlock(trx, { kind: 'account', value: row.username });
  return { username: row.username, sessionsEnded, unlocked };
}
