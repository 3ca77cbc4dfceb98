import type { Department } from '../../shared/model';
import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { assertPatientVisible, narrowScope, patientScopeOf } from '../auth/access';
import { audit } from '../auth/audit';
import { beijingDate } from '../util/clock';
import { findPatients } from './finder';
import { patientTimeline } from './timeline';

export const patientHandlers = ({ store, clock }: Services): Pick<Handlers, 'departments.list' | 'patients.find' | 'patients.timeline'> => ({
  'departments.list': async () => {
    const depts = await store.knex('departments').orderBy([{ column: 'active', order: 'desc' }, 'name_pinyin']);
    const aliases = await store.knex('department_aliases');
    return depts.map((d: Record<string, unknown>): Department => ({
      id: Number(d.id),
      name: d.name as string,
      active: !!d.active,
      formerNames: aliases.filter((a: Record<string, unknown>) => a.department_id === d.id && a.name !== d.name).map((a: { name: string }) => a.name),
    }));
  },
  // A head finds her departments' encounters only; naming another department is refused.
  'patients.find': async (input, ctx) => {
    const scope = narrowScope(await patientScopeOf(store.knex, ctx.user!), input.deptIds);
    const result =
      !scope.all && scope.deptIds.length === 0
        ? { total: 0, page: input.page, pageSize: input.pageSize, rows: [] }
        : await findPatients(store, scope.all ? input : { ...input, deptIds: scope.deptIds }, ctx.user!.role);
    await audit(store.knex, clock, ctx, 'patient.find', null, { ...input, total: result.total });
    return result;
  },
  'patients.timeline': async ({ patientId }, ctx) => {
    await assertPatientVisible(store.knex, ctx.user!, patientId);
    const timeline = await patientTimeline(store.knex, patientId, ctx.user!.role, beijingDate(clock.now()));
    await audit(store.knex, clock, ctx, 'patient.view', patientId);
    return timeline;
  },
});
