import type { Knex } from 'knex';
import { filterTasks, groupingSql, type Grouping, type QueryContext } from './context';
import { attendDueSql, attendedSql, LOST_POINT, taskPredicateNames, taskPredicates } from './predicates';
import { minutesBetween, plusDaysTs, type Dialect } from './sql';

// A family is one grouped query over the tasks due in the period and the rows hanging off them
// (attempts, escalations, appointments, messages). Each metric reads its numerator and
// denominator from the aggregates of one family, so a dashboard is one query per family.

export type Aggregates = Record<string, number>;
export type FamilyRows = Map<string, Aggregates>;

interface Family {
  /** The nurse a row belongs to, for the nurse grouping and filter. */
  nurseCol: string;
  build(ctx: QueryContext, g: Grouping): Knex.QueryBuilder;
}

const sumIf = (sql: string) => `sum(case when ${sql} then 1 else 0 end)`;

function grouped(q: Knex.QueryBuilder, ctx: QueryContext, g: Grouping, nurseCol: string): Knex.QueryBuilder {
  const grp = groupingSql(g, ctx.d, nurseCol);
  q.select(ctx.knex.raw(`${grp} as grp`));
  if (g !== 'total') q.groupByRaw(grp);
  return q;
}

const followup: Family = {
  // By nurse, a task is hers once she closed it or holds it now: a rate over only the tasks she
  // closed would be 100% for everyone. Tasks nobody holds fall under （未指定）.
  nurseCol: 'coalesce(t.completed_by, t.assignee_id)',
  build(ctx, g) {
    const q = filterTasks(ctx.knex('tasks as t').where('t.kind', 'followup'), ctx, g, this.nurseCol);
    const preds = taskPredicates(ctx);
    for (const name of taskPredicateNames) q.select(ctx.knex.raw(`${sumIf(preds[name].sql)} as "${name}"`, preds[name].bindings));
    q.select(ctx.knex.raw(`count(distinct case when ${preds.due.sql} then t.patient_id end) as "patientsDue"`));
    q.select(ctx.knex.raw(`count(distinct case when ${LOST_POINT} then t.patient_id end) as "patientsLost"`));
    return grouped(q, ctx, g, this.nurseCol);
  },
};

/** Conditions on one dial (alias a), shared by the attempts family and the dial drill-down. */
export const DIAL = { dials: '1 = 1', connected: "a.outcome = 'connected'", handled: "a.outcome = 'connected' and a.ended_at is not null" } as const;

/** The dials of the period's tasks (any kind: callbacks and escalations are dialled too). */
export const dialsOf = (ctx: QueryContext, g: Grouping): Knex.QueryBuilder =>
  filterTasks(ctx.knex('tasks as t').join('attempts as a', 'a.task_id', 't.id'), ctx, g, 'a.nurse_id');

const attempts: Family = {
  nurseCol: 'a.nurse_id',
  build(ctx, g) {
    const q = dialsOf(ctx, g);
    const { connected, handled } = DIAL;
    q.select(
      ctx.knex.raw('count(*) as "dials"'),
      ctx.knex.raw(`${sumIf(connected)} as "connected"`),
      ctx.knex.raw('count(distinct a.patient_id) as "patientsAttempted"'),
      ctx.knex.raw(`count(distinct case when ${connected} then a.patient_id end) as "patientsReached"`),
      ctx.knex.raw(`${sumIf(handled)} as "handled"`),
      ctx.knex.raw(`sum(case when ${handled} then ${minutesBetween(ctx.d, 'a.started_at', 'a.ended_at')} else 0 end) as "handleMinutes"`),
    );
    return grouped(q, ctx, g, this.nurseCol);
  },
};

/** Distinct (nurse, day) with a dial or a closed follow-up over the period's tasks, with their dials and completions. */
export function nurseDaysOf(ctx: QueryContext, g: Grouping): Knex.QueryBuilder {
  const { knex } = ctx;
  const dials = filterTasks(knex('tasks as t').join('attempts as a', 'a.task_id', 't.id'), ctx, g, 'a.nurse_id').select(
    knex.raw(`${groupingSql(g, ctx.d, 'a.nurse_id')} as grp`),
    'a.nurse_id as nurse',
    knex.raw('substr(a.started_at, 1, 10) as day'),
    knex.raw('1 as dial'),
    knex.raw('0 as done'),
  );
  const done = filterTasks(knex('tasks as t').where('t.kind', 'followup').whereNotNull('t.completed_by'), ctx, g, 't.completed_by')
    .whereRaw(taskPredicates(ctx).completed.sql)
    .select(
      knex.raw(`${groupingSql(g, ctx.d, 't.completed_by')} as grp`),
      't.completed_by as nurse',
      knex.raw('substr(t.completed_at, 1, 10) as day'),
      knex.raw('0 as dial'),
      knex.raw('1 as done'),
    );
  return knex
    .from(dials.unionAll(done).as('w'))
    .whereNotNull('w.nurse')
    .select('w.grp', 'w.nurse', 'w.day', knex.raw('sum(w.dial) as dials'), knex.raw('sum(w.done) as done'))
    .groupBy('w.grp', 'w.nurse', 'w.day');
}

/** Nurse working days: how many, and the dials and completions on them. */
const work: Family = {
  nurseCol: 'w.nurse',
  build(ctx, g) {
    return ctx.knex
      .from(nurseDaysOf(ctx, g).as('nd'))
      .select('nd.grp', ctx.knex.raw('count(*) as "nurseDays"'), ctx.knex.raw('sum(nd.dials) as "dials"'), ctx.knex.raw('sum(nd.done) as "completions"'))
      .groupBy('nd.grp');
  },
};

const escalations: Family = {
  nurseCol: 'e.created_by',
  build(ctx, g) {
    const q = filterTasks(ctx.knex('tasks as t').join('escalations as e', 'e.task_id', 't.id'), ctx, g, this.nurseCol);
    q.select(ctx.knex.raw('count(*) as "triggers"'), ctx.knex.raw(`${sumIf('e.closed_at is not null and e.closed_at <= e.due_at')} as "inTime"`));
    return grouped(q, ctx, g, this.nurseCol);
  },
};

const appointments: Family = {
  nurseCol: 'ap.created_by',
  build(ctx, g) {
    const attended = attendedSql(ctx.d);
    const q = filterTasks(ctx.knex('tasks as t').join('appointments as ap', 'ap.task_id', 't.id'), ctx, g, this.nurseCol).whereNot('ap.status', 'cancelled');
    q.select(
      ctx.knex.raw('count(*) as "booked"'),
      ctx.knex.raw(`${sumIf(attendDueSql(ctx.d))} as "attendDue"`, [ctx.today]),
      ctx.knex.raw(`${sumIf(attended)} as "attended"`),
    );
    return grouped(q, ctx, g, this.nurseCol);
  },
};

/** A reply: an inbound SMS from the same number within 3 days of the outbound one. */
export const REPLY_DAYS = 3;

/** Conditions on one SMS (alias m), shared by the messages family and the SMS drill-down. */
export function smsConditions(d: Dialect): Record<'accepted' | 'delivered' | 'replied', string> {
  const accepted = "m.direction = 'outbound' and m.status in ('queued', 'sent', 'delivered', 'undelivered')";
  const delivered = "m.direction = 'outbound' and m.status = 'delivered'";
  const replied = `${delivered} and exists (select 1 from messages rp where rp.phone = m.phone and rp.direction = 'inbound'
      and rp.created_at > m.created_at and rp.created_at <= ${plusDaysTs(d, 'm.created_at', REPLY_DAYS)})`;
  return { accepted, delivered, replied };
}

/** The SMS about the period's tasks: each linked task (task_id, about_task_id) gives a pair (message_id, task_id, grp). */
export function smsPairsOf(ctx: QueryContext, g: Grouping): Knex.QueryBuilder {
  const part = (col: string) =>
    filterTasks(ctx.knex('tasks as t').join('messages as m', col, 't.id'), ctx, g, 'm.sent_by').select(
      ctx.knex.raw(`${groupingSql(g, ctx.d, 'm.sent_by')} as grp`),
      'm.id as message_id',
      't.id as task_id',
    );
  return part('m.task_id').unionAll(part('m.about_task_id'));
}

const messages: Family = {
  nurseCol: 'm.sent_by',
  build(ctx, g) {
    const { knex } = ctx;
    const { accepted, delivered, replied } = smsConditions(ctx.d);
    return knex
      .from(smsPairsOf(ctx, g).as('mm'))
      .join('messages as m', 'm.id', 'mm.message_id')
      .groupBy('mm.grp')
      .select(
        'mm.grp',
        knex.raw(`${sumIf(accepted)} as "accepted"`),
        knex.raw(`${sumIf(delivered)} as "delivered"`),
        knex.raw(`${sumIf(replied)} as "replied"`),
      );
  },
};

export const families = { followup, attempts, work, escalations, appointments, messages };
export type FamilyCode = keyof typeof families;

export async function runFamily(ctx: QueryContext, code: FamilyCode, g: Grouping): Promise<FamilyRows> {
  const rows = (await families[code].build(ctx, g)) as Record<string, unknown>[];
  const out: FamilyRows = new Map();
  for (const r of rows) {
    const aggs: Aggregates = {};
    for (const [k, v] of Object.entries(r)) if (k !== 'grp') aggs[k] = v == null ? 0 : Number(v);
    out.set(r.grp == null ? '' : String(r.grp), aggs);
  }
  return out;
}
