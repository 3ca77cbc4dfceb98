import type { Knex } from 'knex';
import type { Handlers } from '../api/dispatcher';
import type { Services } from '../api/services';
import type { MethodParsed } from '../../shared/contract';
import type { MyCompletedResult, MyCompletedRow } from '../../shared/contract/followup-done';
import type { TaskStatus, WarningColour } from '../../shared/contract/followup';
import { addDays } from '../../shared/plans/schedule';
import { compiledVersions } from '../plans/definitions';
import { pointNames } from '../plans/point-names';
import { questionnairesOf } from '../questionnaires/store-library';
import { beijingDate } from '../util/clock';
import { pastResults } from '../followup-history/past-results';

/** The Beijing week that holds `today`, from its Monday. */
export function weekStart(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, -((weekday + 6) % 7));
}

// completed_by is whoever closed the task: her follow-ups, never the team's.
const closedBy = (knex: Knex, userId: number, from: string, to: string) =>
  knex('tasks as t').where('t.completed_by', userId).where('t.completed_at', '>=', `${from} 00:00:00`).where('t.completed_at', '<=', `${to} 23:59:59`);

export async function myCompleted(
  knex: Knex,
  lib: Parameters<typeof pastResults>[1],
  userId: number,
  input: MethodParsed<'tasks.myCompleted'>,
  today: string,
): Promise<MyCompletedResult> {
  const week = weekStart(today);
  const from = input.period === 'today' ? today : week;
  const [counts] = await knex.select({
    today: closedBy(knex, userId, today, today).count('*'),
    week: closedBy(knex, userId, week, today).count('*'),
  });
  const total = Number(input.period === 'today' ? counts.today : counts.week);
  const rows = await closedBy(knex, userId, from, today)
    .join('patients as p', 'p.id', 't.patient_id')
    .leftJoin('responses as r', 'r.task_id', 't.id')
    .orderBy([
      { column: 't.completed_at', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .select('t.*', 'p.name as patient_name', 'r.warning_colour');
  const plans = await compiledVersions(
    knex,
    rows.map((r: { plan_version_id: number }) => Number(r.plan_version_id)),
  );
  const past = await pastResults(
    knex,
    lib,
    rows.map((r: { id: number }) => Number(r.id)),
  );
  return {
    from,
    to: today,
    total,
    page: input.page,
    pageSize: input.pageSize,
    counts: { today: Number(counts.today), week: Number(counts.week) },
    rows: rows.map((r: Record<string, unknown>): MyCompletedRow => {
      const plan = plans.get(Number(r.plan_version_id));
      return {
        taskId: Number(r.id),
        patientId: Number(r.patient_id),
        patientName: r.patient_name as string,
        ...pointNames(plan, r),
        dueDate: r.due_date as string,
        completedAt: r.completed_at as string,
        status: r.status as TaskStatus,
        disposition: (r.disposition as string) ?? null,
        warningColour: (r.warning_colour as WarningColour) ?? null,
        measures: past.get(Number(r.id))?.measures ?? [],
      };
    }),
  };
}

export const followupDoneHandlers = ({ store, clock }: Services): Pick<Handlers, 'tasks.myCompleted'> => ({
  'tasks.myCompleted': async (input, ctx) => myCompleted(store.knex, await questionnairesOf(store.knex, clock), ctx.user.id, input, beijingDate(clock.now())),
});
