import type { Store } from '../store/store';
import type { Clock } from '../util/clock';
import { activatePlan, savePlan } from './repo';
import { loadPlanTemplates } from './templates';

export const DEMO_PLAN_CODE = 'general-post-discharge';

/**
 * On the embedded demo HIS only, a store that has never held a plan gets the shipped general
 * post-discharge plan, live, so a first `npm start` has work in the queue. On real HIS data
 * nothing is activated: which plans run is the hospital's decision (a head or admin, 随访方案).
 * Returns whether it activated the plan (the caller then runs the follow-up cycle).
 */
export async function activateDemoPlan(store: Store, clock: Clock, demo: boolean, log: (m: string) => void): Promise<boolean> {
  if (!demo) return false;
  if (await store.knex('plans').first('id')) return false;
  const template = loadPlanTemplates().find((t) => t.definition.code === DEMO_PLAN_CODE);
  if (!template) return false;
  const saved = await savePlan(store.knex, clock, 'demo', template.definition);
  await activatePlan(store.knex, clock, saved.planId, saved.version);
  log(`demo HIS: activated the shipped plan ${DEMO_PLAN_CODE} (v${saved.version})`);
  return true;
}
