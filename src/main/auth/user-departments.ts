import type { Knex } from 'knex';
import type { UserSummary } from '../../shared/contract/reports';
import { ApiError } from '../api/errors';

// Heads answer for departments (user_departments); an admin assigns them.

export async function departmentsOf(knex: Knex, userId: number): Promise<number[]> {
  return (await knex('user_departments').where({ user_id: userId }).orderBy('dept_id').pluck('dept_id')).map(Number);
}

export async function listUsers(knex: Knex): Promise<UserSummary[]> {
  const users = await knex('users').orderBy('id').select('id', 'username', 'display_name', 'role');
  const links = await knex('user_departments').orderBy('dept_id').select('user_id', 'dept_id');
  const byUser = new Map<number, number[]>();
  for (const l of links) byUser.set(Number(l.user_id), [...(byUser.get(Number(l.user_id)) ?? []), Number(l.dept_id)]);
  return users.map((u) => ({
    id: Number(u.id),
    username: u.username,
    displayName: u.display_name,
    role: u.role as UserSummary['role'],
    deptIds: byUser.get(Number(u.id)) ?? [],
  }));
}

export async function setDepartments(knex: Knex, userId: number, deptIds: readonly number[]): Promise<UserSummary> {
  const ids = [...new Set(deptIds)];
  return knex.transaction(async (trx) => {
    if (!(await trx('users').where({ id: userId }).first('id'))) throw new ApiError('not_found', `用户不存在 (user ${userId} not found)`);
    const known = (await trx('departments').whereIn('id', ids).pluck('id')).map(Number);
    const unknown = ids.filter((id) => !known.includes(id));
    if (unknown.length) throw new ApiError('invalid_input', `科室不存在 (unknown departments: ${unknown.join(', ')})`);
    await trx('user_departments').where({ user_id: userId }).delete();
    if (ids.length) await trx('user_departments').insert(ids.map((dept_id) => ({ user_id: userId, dept_id })));
    const summary = (await listUsers(trx)).find((u) => u.id === userId);
    return summary!;
  });
}
