import type { Knex } from 'knex';
import { ApiError } from '../api/errors';

// Heads answer for departments (user_departments); an admin assigns them.

export async function departmentsOf(knex: Knex, userId: number): Promise<number[]> {
  return (await knex('user_departments').where({ user_id: userId }).orderBy('dept_id').pluck('dept_id')).map(Number);
}

/** Replaces a user's departments; the ones she has now, ascending. */
export async function setDepartments(knex: Knex, userId: number, deptIds: readonly number[]): Promise<{ deptIds: number[] }> {
  const ids = [...new Set(deptIds)];
  return knex.transaction(async (trx) => {
    if (!(await trx('users').where({ id: userId }).first('id'))) throw new ApiError('not_found', `用户不存在 (user ${userId} not found)`);
    const known = (await trx('departments').whereIn('id', ids).pluck('id')).map(Number);
    const unknown = ids.filter((id) => !known.includes(id));
    if (unknown.length) throw new ApiError('invalid_input', `科室不存在 (unknown departments: ${unknown.join(', ')})`);
    await trx('user_departments').where({ user_id: userId }).delete();
    if (ids.length) await trx('user_departments').insert(ids.map((dept_id) => ({ user_id: userId, dept_id })));
    return { deptIds: await departmentsOf(trx, userId) };
  });
}
