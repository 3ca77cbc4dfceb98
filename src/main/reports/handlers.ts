import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import { audit } from '../auth/audit';
import { departmentsOf, listUsers, setDepartments } from '../auth/user-departments';
import { beijingTimestamp } from '../util/clock';
import { buildDashboard } from './dashboard';
import { drilldown } from './drilldown';
import { METRICS, publicDefinition } from './metrics/definitions';
import { runReport } from './run-report';
import { deleteReport, listSaved, saveReport } from './saved-reports';
import { deptScopeOf } from './scope';

type ReportMethod =
  | 'reports.metrics'
  | 'reports.dashboard'
  | 'reports.drilldown'
  | 'reports.run'
  | 'reports.saved.list'
  | 'reports.saved.save'
  | 'reports.saved.delete'
  | 'users.list'
  | 'users.setDepartments';

export const reportHandlers = ({ store, clock }: Services): Pick<Handlers, ReportMethod> => {
  const { knex } = store;
  const scopeOf = (ctx: { user: Parameters<typeof deptScopeOf>[1] | null }) => deptScopeOf(knex, ctx.user!);
  return {
    'reports.metrics': async () => METRICS.map(publicDefinition),
    'reports.dashboard': async (input, ctx) => buildDashboard(knex, input, await scopeOf(ctx), clock),
    'reports.drilldown': async (input, ctx) => drilldown(knex, input, await scopeOf(ctx), clock),
    'reports.run': async (input, ctx) => runReport(knex, input, await scopeOf(ctx), clock),
    'reports.saved.list': async (_input, ctx) => listSaved(knex, ctx.user!, await scopeOf(ctx)),
    'reports.saved.save': async (input, ctx) => saveReport(knex, ctx.user!, await scopeOf(ctx), input, beijingTimestamp(clock.now())),
    'reports.saved.delete': async ({ id }, ctx) => ({ deleted: await deleteReport(knex, id, ctx.user!) }),
    'users.list': async () => listUsers(knex),
    // Which patients a head sees follows from this: who changed it, and from what, is audited.
    'users.setDepartments': async ({ userId, deptIds }, ctx) =>
      knex.transaction(async (trx) => {
        const before = await departmentsOf(trx, userId);
        const out = await setDepartments(trx, userId, deptIds);
        await audit(trx, clock, ctx.user, 'users.setDepartments', null, { userId, before, after: out.deptIds });
        return out;
      }),
  };
};
