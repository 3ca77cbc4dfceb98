import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { auditedChange } from '../store/in-transaction';
import { inScopePatients, patientScopeOf } from '../auth/access';
import { diagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import { questionnairesOf } from '../questionnaires/store-library';
import { beijingDate } from '../util/clock';
import { runFollowupCycle } from './cycle';
import { preview } from './preview-input';
import { activatePlan, getPlan, listPlans, retirePlan, savePlan } from './repo';
import { loadPlanTemplates } from './templates';

type PlanMethod =
  'plans.list' | 'plans.get' | 'plans.preview' | 'plans.save' | 'plans.activate' | 'plans.retire' | 'plans.export' | 'plans.templates' | 'tasks.generate';

export const planHandlers = ({ store, clock, config }: Services): Pick<Handlers, PlanMethod> => ({
  'plans.list': async (input) => listPlans(store.knex, input?.includeRetired ?? false),
  'plans.get': async ({ planId, version }) => getPlan(store.knex, planId, version),
  // The counts are the plan's; the sample names only patients the caller may see.
  'plans.preview': async (input, ctx) => {
    const out = await preview(store.knex, input, await questionnairesOf(store.knex, clock), beijingDate(clock.now()), diagnosisSynonyms(config.dataDir));
    const scope = await patientScopeOf(store.knex, ctx.user);
    if (scope.all || !out.sample.length) return out;
    const ids = out.sample.map((r) => r.patientId);
    const visible = new Set((await inScopePatients(store.knex, scope, 'p.id')(store.knex('patients as p').whereIn('p.id', ids)).pluck('p.id')).map(Number));
    return { ...out, sample: out.sample.filter((r) => visible.has(r.patientId)) };
  },
  'plans.save': async ({ definition }, ctx) => auditedChange(store, ctx, (trx) => savePlan(trx.knex, clock, ctx.user.username, definition)),
  'plans.activate': async ({ planId, version }, ctx) => auditedChange(store, ctx, (trx) => activatePlan(trx.knex, clock, planId, version)),
  'plans.retire': async ({ planId }, ctx) => auditedChange(store, ctx, (trx) => retirePlan(trx.knex, clock, planId)),
  'plans.export': async ({ planId, version }) => ({ definition: (await getPlan(store.knex, planId, version)).definition }),
  'plans.templates': async () => {
    try {
      return loadPlanTemplates();
    } catch (err) {
      throw new ApiError('internal', (err as Error).message);
    }
  },
  'tasks.generate': async () => runFollowupCycle(store, clock, await questionnairesOf(store.knex, clock), { synonyms: diagnosisSynonyms(config.dataDir) }),
});
