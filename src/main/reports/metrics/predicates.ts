import { answerText, plusDays, type Dialect } from './sql';

// Conditions on one follow-up task (alias t). The same text counts a metric (sum of case when …)
// and lists its rows (the drill-down's where), so a figure and its list cannot disagree.

export interface Predicate {
  sql: string;
  bindings: (string | number)[];
}

/** The overall-satisfaction item of templates/questionnaires/discharge-satisfaction.json (1–5). */
export const SATISFACTION_ITEM = 'sat_overall';
export const SATISFIED_VALUES = ['4', '5'];

export interface PredicateContext {
  d: Dialect;
  /** The Beijing date the figures are computed on (overdue is judged against it). */
  today: string;
}

const DUE = "t.status <> 'cancelled'";
const DONE = "(t.status = 'satisfied' or (t.status = 'done' and t.disposition in ('completed', 'deceased')))";
const ATTEMPTED = 'exists (select 1 from attempts a where a.task_id = t.id)';
const FINAL_RESPONSE = 'exists (select 1 from responses r where r.task_id = t.id and r.draft = 0)';

const satisfactionAnswer = (d: Dialect) =>
  `(select ${answerText(d, 'r.answers', SATISFACTION_ITEM)} from responses r where r.task_id = t.id and r.draft = 0 and r.answers like '%"${SATISFACTION_ITEM}"%')`;

export const taskPredicateNames = [
  'due',
  'completed',
  'timely',
  'overdue',
  'attempted',
  'effective',
  'refused',
  'questionnaireDue',
  'questionnaireDone',
  'satisfactionAnswered',
  'satisfied',
  'red',
  'orange',
  'yellow',
  'green',
] as const;
export type TaskPredicateName = (typeof taskPredicateNames)[number];

export function taskPredicates(ctx: PredicateContext): Record<TaskPredicateName, Predicate> {
  const p = (sql: string, bindings: (string | number)[] = []): Predicate => ({ sql, bindings });
  const sat = satisfactionAnswer(ctx.d);
  return {
    due: p(DUE),
    completed: p(DONE),
    timely: p(`${DONE} and substr(t.completed_at, 1, 10) between t.window_start and t.window_end`),
    overdue: p("t.status in ('pending', 'claimed') and t.window_end < ?", [ctx.today]),
    attempted: p(`${DUE} and ${ATTEMPTED}`),
    // A recorded result: completed, deceased or refused (status done), on a task somebody dialled.
    effective: p(`t.status = 'done' and ${ATTEMPTED}`),
    refused: p("t.status = 'done' and t.disposition = 'refused'"),
    questionnaireDue: p(`${DUE} and t.questionnaire_id is not null`),
    questionnaireDone: p(`${DUE} and t.questionnaire_id is not null and ${FINAL_RESPONSE}`),
    satisfactionAnswered: p(`${DUE} and ${sat} is not null`),
    satisfied: p(`${DUE} and ${sat} in (${SATISFIED_VALUES.map(() => '?').join(', ')})`, SATISFIED_VALUES),
    red: p(`${DUE} and t.colour = 'red'`),
    orange: p(`${DUE} and t.colour = 'orange'`),
    yellow: p(`${DUE} and t.colour = 'yellow'`),
    green: p(`${DUE} and t.colour = 'green'`),
  };
}

/** Attendance window: an outpatient visit or an admission of the patient from the booked date to 7 days after. */
export const ATTENDANCE_DAYS = 7;

/** The booking `ap` was followed by a visit or admission in its attendance window (per the HIS encounters). */
export const attendedSql = (d: Dialect, ap = 'ap'): string => {
  const end = plusDays(d, `${ap}.date`, ATTENDANCE_DAYS);
  return `exists (select 1 from encounters x where x.patient_id = ${ap}.patient_id and x.status not in ('cancelled', 'booked')
      and ((x.kind = 'outpatient' and x.event_date between ${ap}.date and ${end})
        or (x.kind = 'inpatient' and coalesce(x.admit_date, x.event_date) between ${ap}.date and ${end})))`;
};

/** Due for attendance: the window has closed (booked date + 7 < today; one binding), or the patient already came. */
export const attendDueSql = (d: Dialect, ap = 'ap'): string => `(${plusDays(d, `${ap}.date`, ATTENDANCE_DAYS)} < ? or ${attendedSql(d, ap)})`;

export const drillOnlyNames = ['escalated', 'escalatedInTime', 'booked', 'attendDue', 'attended', 'lost'] as const;
export type DrillPredicateName = TaskPredicateName | (typeof drillOnlyNames)[number];

/**
 * The task predicates plus those of the metrics counted over rows hanging off a task (its
 * escalation, its booking): a task is completed once and files at most one escalation and one
 * live booking then, so counting those rows and listing their tasks agree.
 */
export function drillPredicates(ctx: PredicateContext): Record<DrillPredicateName, Predicate> {
  const p = (sql: string, bindings: (string | number)[] = []): Predicate => ({ sql, bindings });
  const booking = (cond: string) => `exists (select 1 from appointments ap where ap.task_id = t.id and ap.status <> 'cancelled' and ${cond})`;
  return {
    ...taskPredicates(ctx),
    escalated: p('exists (select 1 from escalations e where e.task_id = t.id)'),
    escalatedInTime: p('exists (select 1 from escalations e where e.task_id = t.id and e.closed_at is not null and e.closed_at <= e.due_at)'),
    booked: p(booking('1 = 1')),
    attendDue: p(booking(attendDueSql(ctx.d)), [ctx.today]),
    attended: p(booking(attendedSql(ctx.d))),
    lost: p(LOST_POINT),
  };
}

/** A patient lost at this point: it closed unreachable and that closing stopped the plan as lost (stop.ts stamps both with one time). */
export const LOST_POINT =
  "t.status = 'unreachable' and exists (select 1 from enrolments en2 where en2.id = t.enrolment_id and en2.stop_reason = 'lost' and en2.stopped_at = t.completed_at)";
