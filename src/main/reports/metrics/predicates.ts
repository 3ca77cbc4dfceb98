import { answerText, type Dialect } from './sql';

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

/** A patient lost at this point: it closed unreachable and that closing stopped the plan as lost (stop.ts stamps both with one time). */
export const LOST_POINT =
  "t.status = 'unreachable' and exists (select 1 from enrolments en2 where en2.id = t.enrolment_id and en2.stop_reason = 'lost' and en2.stopped_at = t.completed_at)";
