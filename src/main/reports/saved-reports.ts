import type { Knex } from 'knex';
import type { ReportSpecInput, SavedReport } from '../../shared/contract/reports';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { narrowScope, type DeptScope } from './scope';

// A department's saved report is shared with the heads of that department (and admins); a
// personal one (dept_id null) is its owner's alone. Only the owner or an admin changes one.

const toSaved = (r: Record<string, unknown>): SavedReport => ({
  id: Number(r.id),
  name: String(r.name),
  deptId: r.dept_id == null ? null : Number(r.dept_id),
  ownerId: Number(r.owner_id),
  spec: JSON.parse(String(r.spec)) as ReportSpecInput,
  updatedAt: String(r.updated_at),
});

function visible(q: Knex.QueryBuilder, user: User, scope: DeptScope): Knex.QueryBuilder {
  if (scope.all) return q;
  return q.where((w) => {
    w.where('owner_id', user.id);
    if (scope.deptIds.length) w.orWhereIn('dept_id', scope.deptIds);
  });
}

export async function listSaved(knex: Knex, user: User, scope: DeptScope): Promise<SavedReport[]> {
  return (await visible(knex('saved_reports'), user, scope).orderBy([{ column: 'name' }, { column: 'id' }])).map(toSaved);
}

export async function getSaved(knex: Knex, id: number, user: User, scope: DeptScope): Promise<SavedReport> {
  const row = await visible(knex('saved_reports').where({ id }), user, scope).first();
  if (!row) throw new ApiError('not_found', `报表不存在 (saved report ${id} not found)`);
  return toSaved(row);
}

async function ownedRow(knex: Knex, id: number, user: User): Promise<Record<string, unknown>> {
  const row = await knex('saved_reports').where({ id }).first();
  if (!row) throw new ApiError('not_found', `报表不存在 (saved report ${id} not found)`);
  if (user.role !== 'admin' && Number(row.owner_id) !== user.id)
    throw new ApiError('forbidden', '只有创建者或管理员可以修改此报表 (only its owner or an admin may change this report)');
  return row;
}

export async function saveReport(
  knex: Knex,
  user: User,
  scope: DeptScope,
  input: { id?: number; name: string; deptId: number | null; spec: ReportSpecInput },
  now: string,
): Promise<SavedReport> {
  // Sharing with a department (and the departments the spec reads) must lie in the author's scope.
  if (input.deptId !== null) narrowScope(scope, [input.deptId]);
  narrowScope(scope, input.spec.filters.deptIds);
  const values = { name: input.name, dept_id: input.deptId, spec: JSON.stringify(input.spec), updated_at: now };
  let id = input.id;
  if (id) {
    await ownedRow(knex, id, user);
    await knex('saved_reports').where({ id }).update(values);
  } else {
    const [row] = await knex('saved_reports')
      .insert({ ...values, owner_id: user.id, created_at: now })
      .returning('id');
    id = Number((row as { id: number }).id ?? row);
  }
  return toSaved(await knex('saved_reports').where({ id }).first());
}

export async function deleteReport(knex: Knex, id: number, user: User): Promise<boolean> {
  await ownedRow(knex, id, user);
  return (await knex('saved_reports').where({ id }).delete()) > 0;
}
