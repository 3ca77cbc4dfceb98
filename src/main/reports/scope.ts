import type { Knex } from 'knex';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { departmentsOf } from '../auth/user-departments';

/** The departments whose figures a user may see: an admin all, a head hers (possibly none), nobody else any. */
export type DeptScope = { all: true } | { all: false; deptIds: number[] };

export async function deptScopeOf(knex: Knex, user: Pick<User, 'id' | 'role'>): Promise<DeptScope> {
  if (user.role === 'admin') return { all: true };
  if (user.role !== 'head') return { all: false, deptIds: [] };
  return { all: false, deptIds: await departmentsOf(knex, user.id) };
}

/**
 * The departments a request covers: the ones asked for, each of which must lie in the scope, or
 * the whole scope when none are named. Asking outside the scope is refused, not silently narrowed.
 */
export function narrowScope(scope: DeptScope, requested: readonly number[] | null | undefined): DeptScope {
  if (!requested?.length) return scope;
  const ids = [...new Set(requested)];
  if (!scope.all) {
    const outside = ids.filter((id) => !scope.deptIds.includes(id));
    if (outside.length) throw new ApiError('forbidden', `无权查看这些科室的数据 (you may not see departments ${outside.join(', ')})`);
  }
  return { all: false, deptIds: ids.sort((a, b) => a - b) };
}

/** For output: null means every department. */
export const scopeDeptIds = (scope: DeptScope): number[] | null => (scope.all ? null : scope.deptIds);
