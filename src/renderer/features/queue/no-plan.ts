import type { PlanSummary } from '../../../shared/contract/plans';

/** An empty queue because no plan is live (a fresh install on real data); false while the list loads. */
export const noActivePlan = (plans: PlanSummary[] | undefined): boolean => !!plans && !plans.some((p) => p.activeVersion);
