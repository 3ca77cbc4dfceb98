import type { Knex } from 'knex';
import { ApiError } from '../api/errors';
import { otherRows, paged, taskColumns, taskRow, text, type DrillResult } from './drill-sources';
import { withEnglishNames } from './drill-names';
import { beijingDate, type Clock } from '../util/clock';
import { filterTasks, type QueryContext } from './metrics/context';
import { isTaskDrill, metricOf } from './metrics/definitions';
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

const lastAttempt = (col: string) => `(select a.${col} from attempts a where a.task_id = t.id order by a.started_at desc, a.id desc limit 1)`;

/**
 * The tasks behind a figure: those its numerator counts, or its gap (in the denominator but not
 * the numerator), with the same conditions the figure is counted with. No ID numbers or phones.
 */
export async function drilldown(knex: Knex, input: DrillInput, scope: DeptScope, clock: Clock): Promise<DrillResult> {
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
  const drill = metric.drill;
  if (!isTaskDrill(drill)) return withEnglishNames(knex, await otherRows(ctx, drill, input.part, input));
  const preds = drillPredicates(ctx);
  const num = preds[drill.num];
  const den = drill.den ? preds[drill.den] : null;
  if (input.part === 'gap' && !den) return { total: 0, kind: 'task', rows: [] };
  const base = () => {
    const q = filterTasks(knex('tasks as t').where('t.kind', 'followup'), ctx, 'total', families.followup.nurseCol);
    if (input.part === 'numerator') q.whereRaw(num.sql, num.bindings);
    else q.whereRaw(den!.sql, den!.bindings).whereRaw(`(case when ${num.sql} then 1 else 0 end) = 0`, num.bindings);
    return q;
  };
  const { total, raw } = await paged(base, input, (q) =>
    taskColumns(q)
      .leftJoin('users as u', 'u.id', knex.raw(`coalesce(t.completed_by, t.assignee_id, ${lastAttempt('nurse_id')})`))
      .select(
        't.disposition',
        knex.raw(`${lastAttempt('outcome')} as last_outcome`),
        knex.raw(`${lastAttempt('started_at')} as last_attempt_at`),
        'u.display_name as nurse_name',
      )
      .orderBy([{ column: 't.due_date' }, { column: 't.id' }]),
  );
  return withEnglishNames(knex, {
    total,
    kind: 'task',
    rows: raw.map((r) => ({
      ...taskRow(r, `t${r.task_id}`),
      lastOutcome: text(r.disposition) ?? text(r.last_outcome) ?? (r.status === 'satisfied' ? 'satisfied' : null),
      lastAttemptAt: text(r.last_attempt_at),
      nurseName: text(r.nurse_name),
    })),
  });
}
