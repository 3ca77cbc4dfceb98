import type { Handlers, SignedInContext } from '../api/dispatcher';
import type { Services } from '../api/services';
import { auditedChange } from '../store/in-transaction';
import { beijingTimestamp } from '../util/clock';
import { buildDashboard } from './dashboard';
import { drilldown } from './drilldown';
import { METRICS, publicDefinition } from './metrics/definitions';
import { runReport } from './run-report';
import { deleteReport, listSaved, saveReport } from './saved-reports';
import { deptScopeOf } from './scope';

type ReportMethod =
  'reports.metrics' | 'reports.dashboard' | 'reports.drilldown' | 'reports.run' | 'reports.saved.list' | 'reports.saved.save' | 'reports.saved.delete';

export const reportHandlers = ({ store, clock }: Services): Pick<Handlers, ReportMethod> => {
  const { knex } = store;
  const scopeOf = (ctx: SignedInContext) => deptScopeOf(knex, ctx.user);
  return {
    'reports.metrics': async () => METRICS.map(publicDefinition),
    'reports.dashboard': async (input, ctx) => buildDashboard(knex, input, await scopeOf(ctx), clock),
    'reports.drilldown': async (input, ctx) => drilldown(knex, input, await scopeOf(ctx), clock),
    'reports.run': async (input, ctx) => runReport(knex, input, await scopeOf(ctx), clock),
    'reports.saved.list': async (_input, ctx) => listSaved(knex, ctx.user, await scopeOf(ctx)),
    'reports.saved.save': async (input, ctx) => {
      const scope = await scopeOf(ctx);
      return auditedChange(store, ctx, (trx) => saveReport(trx.knex, ctx.user, scope, input, beijingTimestamp(clock.now())));
    },
    'reports.saved.delete': async ({ id }, ctx) => auditedChange(store, ctx, async (trx) => ({ deleted: await deleteReport(trx.knex, id, ctx.user) })),
  };
};
