import type { Knex } from 'knex';
import type { DrillRow } from '../../shared/contract/reports';
import { ApiError } from '../api/errors';
import { beijingDate, type Clock } from '../util/clock';
import { filterTasks, type QueryContext } from './metrics/context';
import { metricOf } from './metrics/definitions';
import { families } from './metrics/families';
import { drillPredicates } from './metrics/predicates';
import { dialectOf } from './metrics/sql';
import { narrowScope, type DeptScope } from './scope';

export interface DrillInput {
  metric: string;
  from: string;
  to: string;
  deptIds?: number[];
  part: 'numerator' | 'gap';
  page: number;
  pageSize: number;
}

const text = (v: unknown): string | null => (v == null ? null : String(v));
const lastAttempt = (col: string) => `(select a.${col} from attempts a where a.task_id = t.id order by a.started_at desc, a.id desc limit 1)`;

/**
 * The tasks behind a figure: those its numerator counts, or its gap (in the denominator but not
 * the numerator), with the same conditions the figure is counted with. No ID numbers or phones.
 */
export async function drilldown(knex: Knex, input: DrillInput, scope: DeptScope, clock: Clock): Promise<{ total: number; rows: DrillRow[] }> {
  const metric = metricOf(input.metric);
  if (!metric) throw new ApiError('invalid_input', `未知指标 (unknown metric: ${input.metric})`);
  if (!metric.drill) throw new ApiError('invalid_input', `该指标没有明细 (metric ${metric.code} has no drill-down)`);
  const ctx: QueryContext = {
    knex,
    d: dialectOf(knex),
    today: beijingDate(clock.now()),
    from: input.from,
    to: input.to,
    scope: narrowScope(scope, input.deptIds),
  };
  const preds = drillPredicates(ctx);
  const num = preds[metric.drill.num];
  const den = metric.drill.den ? preds[metric.drill.den] : null;
  if (input.part === 'gap' && !den) return { total: 0, rows: [] };
  const base = () => {
    const q = filterTasks(knex('tasks as t').where('t.kind', 'followup'), ctx, 'total', families.followup.nurseCol);
    if (input.part === 'numerator') q.whereRaw(num.sql, num.bindings);
    else q.whereRaw(den!.sql, den!.bindings).whereRaw(`(case when ${num.sql} then 1 else 0 end) = 0`, num.bindings);
    return q;
  };
  const [{ n }] = await base().count({ n: '*' });
  const rows: Record<string, string | number | null>[] = await base()
    .join('patients as p', 'p.id', 't.patient_id')
    .leftJoin('departments as d', 'd.id', 't.dept_id')
    .leftJoin('plans as pl', 'pl.id', 't.plan_id')
    .leftJoin('users as u', 'u.id', knex.raw(`coalesce(t.completed_by, t.assignee_id, ${lastAttempt('nurse_id')})`))
    .select(
      't.id',
      't.patient_id',
      'p.name as patient_name',
      'd.name as dept_name',
      'pl.name as plan_name',
      't.point_label',
      't.due_date',
      't.status',
      't.disposition',
      knex.raw(`${lastAttempt('outcome')} as last_outcome`),
      knex.raw(`${lastAttempt('started_at')} as last_attempt_at`),
      'u.display_name as nurse_name',
    )
    .orderBy([{ column: 't.due_date' }, { column: 't.id' }])
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize);
  return {
    total: Number(n),
    rows: rows.map((r) => ({
      taskId: Number(r.id),
      patientId: Number(r.patient_id),
      patientName: String(r.patient_name),
      deptName: text(r.dept_name),
      planName: text(r.plan_name),
      pointLabel: text(r.point_label),
      dueDate: text(r.due_date),
      status: text(r.status),
      lastOutcome: text(r.disposition) ?? text(r.last_outcome) ?? (r.status === 'satisfied' ? 'satisfied' : null),
      lastAttemptAt: text(r.last_attempt_at),
      nurseName: text(r.nurse_name),
    })),
  };
}
