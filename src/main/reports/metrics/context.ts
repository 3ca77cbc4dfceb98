import type { Knex } from 'knex';
import type { Dimension } from '../../../shared/contract/reports';
import type { DeptScope } from '../scope';
import type { PredicateContext } from './predicates';
import { weekOf, type Dialect } from './sql';

/** What every metric query is filtered by. Dates are inclusive Beijing dates. */
export interface MetricFilters {
  from: string;
  to: string;
  scope: DeptScope;
  planIds?: number[];
  encounterKinds?: string[];
  nurseIds?: number[];
}

export interface QueryContext extends PredicateContext, MetricFilters {
  knex: Knex;
}

/** Rows of metric families grouped by one of these; 'total' gives one row for the whole filter. */
export type Grouping = Exclude<Dimension, 'questionnaireItem' | 'scoreBand'> | 'total';

/** Grouping by the anchor encounter (diagnosis, kind) needs the enrolment and encounter joined. */
export const needsEncounter = (g: Grouping, f: MetricFilters): boolean => g === 'diagnosisGroup' || g === 'encounterKind' || !!f.encounterKinds?.length;

/** The SQL of a grouping. Every period grouping uses the task's due date (see definitions.ts). */
export function groupingSql(g: Grouping, d: Dialect, nurseCol: string): string {
  switch (g) {
    case 'total':
      return "'all'";
    case 'department':
      return 't.dept_id';
    case 'nurse':
      return nurseCol;
    case 'week':
      return weekOf(d, 't.due_date');
    case 'month':
      return 'substr(t.due_date, 1, 7)';
    case 'plan':
      return 't.plan_id';
    case 'track':
      return "t.plan_id || '/' || t.track_id";
    case 'diagnosisGroup':
      return 'enc.main_diag_category';
    case 'encounterKind':
      return 'enc.kind';
  }
}

/** The tasks a metric reads: due in the period, in the scope's departments, matching the filters. */
export function filterTasks(q: Knex.QueryBuilder, ctx: QueryContext, g: Grouping, nurseCol: string): Knex.QueryBuilder {
  q.whereBetween('t.due_date', [ctx.from, ctx.to]);
  if (!ctx.scope.all) q.whereIn('t.dept_id', ctx.scope.deptIds);
  if (ctx.planIds?.length) q.whereIn('t.plan_id', ctx.planIds);
  if (ctx.nurseIds?.length) q.whereIn(ctx.knex.raw(nurseCol) as unknown as string, ctx.nurseIds);
  if (needsEncounter(g, ctx)) {
    q.leftJoin('enrolments as en', 'en.id', 't.enrolment_id').leftJoin('encounters as enc', 'enc.id', 'en.anchor_encounter_id');
    if (ctx.encounterKinds?.length) q.whereIn('enc.kind', ctx.encounterKinds);
  }
  return q;
}
