import type { Knex } from 'knex';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { departmentsOf } from './user-departments';

// Which patients, tasks and calls a user may see. Nurses work the whole follow-up centre's
// queue, so they see every patient and task, but of calls and recordings only their own; a
// head sees the patients, tasks and calls of the departments she answers for (user_departments,
// as her reports do); an admin sees everything.

/** The departments whose figures (reports, exports) a user may see: an admin all, a head hers (possibly none), nobody else any. */
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

/** The departments whose patients, tasks and calls a user may see: every one for nurses and admins; a head's own (possibly none). */
export async function patientScopeOf(knex: Knex, user: Pick<User, 'id' | 'role'>): Promise<DeptScope> {
  return user.role === 'head' ? deptScopeOf(knex, user) : { all: true };
}

/**
 * Narrows a query to patients of the scope's departments: a patient with an encounter (stay,
 * visit, checkup) or a follow-up task there. `column` holds the patient id.
 */
export function inScopePatients(knex: Knex, scope: DeptScope, column: string): (q: Knex.QueryBuilder) => Knex.QueryBuilder {
  if (scope.all) return (q) => q;
  const ids = scope.deptIds;
  return (q) =>
    q.where((w) =>
      w
        .whereIn(column, knex('encounters').whereIn('dept_id', ids).select('patient_id'))
        .orWhereIn(column, knex('tasks').whereIn('dept_id', ids).select('patient_id')),
    );
}

const ZH = { patient: '患者', task: '任务', call: '通话' } as const;
const outside = (what: keyof typeof ZH, id: number) => new ApiError('forbidden', `该${ZH[what]}不在您的查看范围 (${what} ${id} is outside what you may see)`);

export async function assertPatientVisible(knex: Knex, user: Pick<User, 'id' | 'role'>, patientId: number): Promise<void> {
  const scope = await patientScopeOf(knex, user);
  if (scope.all) return;
  const hit = await inScopePatients(knex, scope, 'p.id')(knex('patients as p').where('p.id', patientId)).first('p.id');
  if (!hit) throw outside('patient', patientId);
}

/** A task is a head's when its department is one of hers. */
export async function assertTaskVisible(knex: Knex, user: Pick<User, 'id' | 'role'>, task: { id: number; dept_id: number | null }): Promise<void> {
  const scope = await patientScopeOf(knex, user);
  if (scope.all) return;
  if (task.dept_id == null || !scope.deptIds.includes(Number(task.dept_id))) throw outside('task', task.id);
}

/** Narrows a query on `tasks as t` to the user's tasks' departments. */
export async function tasksInScope(knex: Knex, user: Pick<User, 'id' | 'role'>): Promise<(q: Knex.QueryBuilder) => Knex.QueryBuilder> {
  const scope = await patientScopeOf(knex, user);
  return (q) => (scope.all ? q : q.whereIn('t.dept_id', scope.deptIds));
}

/** Narrows a query on `calls as c`: a nurse's own calls, a head's departments' patients', an admin's all. */
export async function callsInScope(knex: Knex, user: Pick<User, 'id' | 'role'>): Promise<(q: Knex.QueryBuilder) => Knex.QueryBuilder> {
  if (user.role === 'admin') return (q) => q;
  if (user.role === 'nurse') return (q) => q.where('c.user_id', user.id);
  const inDepts = inScopePatients(knex, await patientScopeOf(knex, user), 'c.patient_id');
  // Her own calls too: a head who dials sees what she dialled.
  return (q) => q.where((w) => w.where('c.user_id', user.id).orWhere((o) => inDepts(o)));
}

/** A call (and its recording) is visible as calls.list would list it. */
export async function assertCallVisible(knex: Knex, user: Pick<User, 'id' | 'role'>, callId: number): Promise<void> {
  const hit = await (await callsInScope(knex, user))(knex('calls as c').where('c.id', callId)).first('c.id');
  if (!hit) throw outside('call', callId);
}
