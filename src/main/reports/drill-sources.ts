import type { Knex } from 'knex';
import type { DrillKind, DrillRow } from '../../shared/contract/reports';
import type { QueryContext } from './metrics/context';
import type { MetricDrill, OtherDrill } from './metrics/definitions';
import { DIAL, dialsOf, nurseDaysOf, smsConditions, smsPairsOf } from './metrics/families';
import { minutesBetween } from './metrics/sql';

// The rows behind the figures that count something other than tasks, read with the same
// builders and conditions as their families (metrics/families.ts): a dial list is as long as
// the dial count, a patient list as the patients counted, and so on.

export type Part = 'numerator' | 'gap';
export interface Page {
  page: number;
  pageSize: number;
}
export interface DrillResult {
  total: number;
  kind: DrillKind;
  rows: DrillRow[];
}
export type Raw = Record<string, string | number | null>;

export const text = (v: unknown): string | null => (v == null ? null : String(v));
const num = (v: unknown): number | null => (v == null ? null : Math.round(Number(v) * 100) / 100);

/** Rows meeting `numSql` (numerator) or `denSql` but not `numSql` (gap). */
function where(q: Knex.QueryBuilder, part: Part, numSql: string, denSql: string | null): Knex.QueryBuilder {
  return part === 'numerator' ? q.whereRaw(numSql) : q.whereRaw(denSql ?? '1 = 0').whereRaw(`not (${numSql})`);
}

export async function paged(
  base: () => Knex.QueryBuilder,
  page: Page,
  select: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
): Promise<{ total: number; raw: Raw[] }> {
  const [{ n }] = await base().clone().clearSelect().count({ n: '*' });
  const raw = (await select(base())
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)) as Raw[];
  return { total: Number(n), raw };
}

/** The task's columns every task-linked row shows. */
export const taskColumns = (q: Knex.QueryBuilder) =>
  q
    .join('patients as p', 'p.id', 't.patient_id')
    .leftJoin('departments as d', 'd.id', 't.dept_id')
    .leftJoin('plans as pl', 'pl.id', 't.plan_id')
    .select(
      't.id as task_id',
      't.patient_id',
      'p.name as patient_name',
      'd.name as dept_name',
      'pl.name as plan_name',
      't.point_label',
      't.due_date',
      't.status',
    );

export const taskRow = (r: Raw, key: string) => ({
  key,
  taskId: Number(r.task_id),
  patientId: Number(r.patient_id),
  patientName: text(r.patient_name),
  deptName: text(r.dept_name),
  planName: text(r.plan_name),
  pointLabel: text(r.point_label),
  dueDate: text(r.due_date),
  status: text(r.status),
});

async function dialRows(ctx: QueryContext, drill: Extract<MetricDrill, { rows: 'dial' }>, part: Part, page: Page): Promise<DrillResult> {
  const { knex, d } = ctx;
  const base = () => where(dialsOf(ctx, 'total'), part, DIAL[drill.num], drill.den && DIAL[drill.den]);
  const { total, raw } = await paged(base, page, (q) =>
    taskColumns(q)
      .leftJoin('users as u', 'u.id', 'a.nurse_id')
      .select(
        'a.id as attempt_id',
        'a.outcome',
        'a.started_at',
        'u.display_name as nurse_name',
        knex.raw(`case when ${DIAL.handled} then ${minutesBetween(d, 'a.started_at', 'a.ended_at')} end as minutes`),
      )
      .orderBy([{ column: 'a.started_at' }, { column: 'a.id' }]),
  );
  const rows = raw.map((r) => ({
    ...taskRow(r, `a${r.attempt_id}`),
    lastOutcome: text(r.outcome),
    lastAttemptAt: text(r.started_at),
    nurseName: text(r.nurse_name),
    minutes: num(r.minutes),
  }));
  return { total, kind: 'dial', rows };
}

/** One row per dialled patient: reached when any of the period's dials to them connected. */
async function patientRows(ctx: QueryContext, part: Part, page: Page): Promise<DrillResult> {
  const { knex } = ctx;
  const reached = `max(case when ${DIAL.connected} then 1 else 0 end)`;
  const perPatient = () =>
    dialsOf(ctx, 'total')
      .groupBy('a.patient_id')
      .select('a.patient_id', knex.raw('max(a.started_at) as last_at'))
      .havingRaw(`${reached} = ?`, [part === 'numerator' ? 1 : 0]);
  const [{ n }] = await knex.from(perPatient().as('pp')).count({ n: '*' });
  const raw = (await knex
    .from(perPatient().as('pp'))
    .join('patients as p', 'p.id', 'pp.patient_id')
    .select(
      'pp.patient_id',
      'p.name as patient_name',
      'pp.last_at',
      knex.raw(
        '(select a2.outcome from attempts a2 where a2.patient_id = pp.patient_id and a2.started_at = pp.last_at order by a2.id desc limit 1) as outcome',
      ),
    )
    .orderBy([{ column: 'pp.last_at' }, { column: 'pp.patient_id' }])
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)) as Raw[];
  const rows = raw.map((r) => ({
    key: `p${r.patient_id}`,
    taskId: null,
    patientId: Number(r.patient_id),
    patientName: text(r.patient_name),
    deptName: null,
    planName: null,
    pointLabel: null,
    dueDate: null,
    status: null,
    lastOutcome: text(r.outcome),
    lastAttemptAt: text(r.last_at),
    nurseName: null,
  }));
  return { total: Number(n), kind: 'patient', rows };
}

async function smsRows(ctx: QueryContext, drill: Extract<MetricDrill, { rows: 'sms' }>, part: Part, page: Page): Promise<DrillResult> {
  const { knex } = ctx;
  const cond = smsConditions(ctx.d);
  const base = () =>
    where(
      knex.from(smsPairsOf(ctx, 'total').as('mm')).join('messages as m', 'm.id', 'mm.message_id').join('tasks as t', 't.id', 'mm.task_id'),
      part,
      cond[drill.num],
      cond[drill.den],
    );
  const { total, raw } = await paged(base, page, (q) =>
    taskColumns(q)
      .leftJoin('users as u', 'u.id', 'm.sent_by')
      .select('m.id as message_id', 'm.status as sms_status', 'm.created_at as sent_at', 'u.display_name as nurse_name')
      .orderBy([{ column: 'm.created_at' }, { column: 'm.id' }, { column: 't.id' }]),
  );
  const rows = raw.map((r) => ({
    ...taskRow(r, `m${r.message_id}-${r.task_id}`),
    lastOutcome: text(r.sms_status),
    lastAttemptAt: text(r.sent_at),
    nurseName: text(r.nurse_name),
  }));
  return { total, kind: 'sms', rows };
}

async function nurseDayRows(ctx: QueryContext, page: Page): Promise<DrillResult> {
  const { knex } = ctx;
  const [{ n }] = await knex.from(nurseDaysOf(ctx, 'total').as('nd')).count({ n: '*' });
  const raw = (await knex
    .from(nurseDaysOf(ctx, 'total').as('nd'))
    .leftJoin('users as u', 'u.id', 'nd.nurse')
    .select('nd.nurse', 'nd.day', 'nd.dials', 'nd.done', 'u.display_name as nurse_name')
    .orderBy([{ column: 'nd.day' }, { column: 'nd.nurse' }])
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)) as Raw[];
  const rows = raw.map((r) => ({
    key: `n${r.nurse}-${r.day}`,
    taskId: null,
    patientId: null,
    patientName: null,
    deptName: null,
    planName: null,
    pointLabel: null,
    dueDate: null,
    status: null,
    lastOutcome: null,
    lastAttemptAt: null,
    nurseName: text(r.nurse_name),
    day: String(r.day),
    dials: Number(r.dials),
    completions: Number(r.done),
  }));
  return { total: Number(n), kind: 'nurseDay', rows };
}

/** The rows of a drill-down over dials, patients, SMS or nurse-days. */
export function otherRows(ctx: QueryContext, drill: OtherDrill, part: Part, page: Page): Promise<DrillResult> {
  switch (drill.rows) {
    case 'dial':
      return dialRows(ctx, drill, part, page);
    case 'patient':
      return patientRows(ctx, part, page);
    case 'sms':
      return smsRows(ctx, drill, part, page);
    case 'nurseDay':
      return part === 'numerator' ? nurseDayRows(ctx, page) : Promise.resolve({ total: 0, kind: 'nurseDay', rows: [] });
  }
}
