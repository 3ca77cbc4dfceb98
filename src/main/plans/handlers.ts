import type { Handlers } from '../api/dispatcher';
import { ApiError } from '../api/errors';
import type { Services } from '../api/services';
import { audit } from '../auth/audit';
import { shippedLibrary } from '../questionnaires/questionnaire-library';
import { beijingDate } from '../util/clock';
import { runFollowupCycle } from './cycle';
import { preview } from './preview-input';
import { activatePlan, getPlan, listPlans, retirePlan, savePlan } from './repo';
import { loadPlanTemplates } from './templates';

type PlanMethod =
  'plans.list' | 'plans.get' | 'plans.preview' | 'plans.save' | 'plans.activate' | 'plans.retire' | 'plans.export' | 'plans.templates' | 'tasks.generate';

export const planHandlers = ({ store, clock }: Services): Pick<Handlers, PlanMethod> => ({
  'plans.list': async (input) => listPlans(store.knex, input?.includeRetired ?? false),
  'plans.get': async ({ planId, version }) => getPlan(store.knex, planId, version),
  'plans.preview': async (input) => preview(store.knex, input, shippedLibrary(), beijingDate(clock.now())),
  'plans.save': async ({ definition }, ctx) => {
    const r = await savePlan(store.knex, clock, ctx.user!.username, definition);
    await audit(store.knex, clock, ctx, 'plan.save', null, { code: definition.code, version: r.version });
    return r;
  },
  'plans.activate': async ({ planId, version }, ctx) => {
    const r = await activatePlan(store.knex, clock, planId, version);
    await audit(store.knex, clock, ctx, 'plan.activate', null, { planId, version });
    return r;
  },
  'plans.retire': async ({ planId }, ctx) => {
    const r = await retirePlan(store.knex, clock, planId);
    await audit(store.knex, clock, ctx, 'plan.retire', null, { planId });
    return r;
  },
  'plans.export': async ({ planId, version }) => ({ definition: (await getPlan(store.knex, planId, version)).definition }),
  'plans.templates': async () => {
    try {
      return loadPlanTemplates();
    } catch (err) {
      throw new ApiError('internal', (err as Error).message);
    }
  },
  'tasks.generate': async () => runFollowupCycle(store, clock, shippedLibrary()),
});
