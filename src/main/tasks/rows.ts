import type { Knex } from 'knex';
import type { QueueRow, TaskKind, TaskStatus, WarningColour } from '../../shared/contract/followup';
import type { User } from '../../shared/model';
import { dayNumber } from '../../shared/plans/schedule';
import { canSeeFullPhone, maskPhone } from '../auth/permissions';
import { compiledVersions } from '../plans/definitions';
import { pointNames } from '../plans/point-names';
import { ageOn } from '../util/clock';
import { rowExtras } from './row-extras';
import type { Now } from './work';

type Viewer = Pick<User, 'id' | 'role'>;

/** Joins what a queue row shows onto a `tasks as t` query (filters and order already applied). */
export function withRowColumns(knex: Knex, q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q
    .join('patients as p', 'p.id', 't.patient_id')
    .join('plan_versions as pv', 'pv.id', 't.plan_version_id')
    .leftJoin('departments as d', 'd.id', 't.dept_id')
    .leftJoin('users as ua', 'ua.id', 't.assignee_id')
    .leftJoin('users as ur', 'ur.id', 't.reserved_for')
    .select(
      't.*',
      'p.name as patient_name',
      'p.gender_code',
      'p.birth_date',
      'pv.version as plan_version',
      'd.name as dept_name',
      'ua.display_name as assignee_name',
      'ur.display_name as reserved_name',
      knex('phones as ph')
        .select('ph.number')
        .whereRaw('ph.patient_id = t.patient_id')
        .where('ph.wrong_number', 0)
        .orderBy([{ column: 'ph.role', order: 'desc' }, { column: 'ph.success_count', order: 'desc' }, 'ph.id'])
        .limit(1)
        .as('phone'),
      knex('responses as r').count('*').whereRaw('r.task_id = t.id').where('r.draft', 1).as('draft_count'),
    );
}

/** Rows as `viewer` sees them: phones masked for her role, other nurses' calls with the patient. */
export async function toQueueRows(knex: Knex, rows: Record<string, unknown>[], viewer: Viewer, at: Now): Promise<QueueRow[]> {
  const { today } = at;
  const plans = await compiledVersions(
    knex,
    rows.map((r) => Number(r.plan_version_id)),
  );
  const fullPhone = canSeeFullPhone(viewer.role);
  const extras = await rowExtras(knex, rows, { fullPhone, viewerId: viewer.id, now: at.now });
  const n = (v: unknown) => (v == null ? null : Number(v));
  return rows.map((r): QueueRow => {
    const plan = plans.get(Number(r.plan_version_id));
    return {
      id: Number(r.id),
      kind: r.kind as TaskKind,
      status: r.status as TaskStatus,
      patientId: Number(r.patient_id),
      patientName: r.patient_name as string,
      genderCode: r.gender_code as string,
      age: ageOn((r.birth_date as string) ?? null, today),
      phone: fullPhone ? ((r.phone as string) ?? null) : maskPhone((r.phone as string) ?? null),
      planId: Number(r.plan_id),
      planVersion: Number(r.plan_version),
      trackId: r.track_id as string,
      pointIndex: Number(r.point_index),
      ...pointNames(plan, r),
      cycleNo: n(r.cycle_no),
      dueDate: r.due_date as string,
      windowStart: r.window_start as string,
      windowEnd: r.window_end as string,
      channel: r.channel as 'call' | 'sms',
      colour: (r.colour as WarningColour) ?? null,
      critical: !!Number(r.critical),
      priorityReason: (r.priority_reason as string) ?? null,
      overdueDays: dayNumber(today) - dayNumber(r.due_date as string),
      deptId: n(r.dept_id),
      deptName: (r.dept_name as string) ?? null,
      assignee: r.assignee_id == null ? null : { id: Number(r.assignee_id), name: r.assignee_name as string },
      claimedAt: (r.claimed_at as string) ?? null,
      callbackAt: (r.callback_at as string) ?? null,
      reservedFor: r.reserved_for == null ? null : { id: Number(r.reserved_for), name: r.reserved_name as string },
      visibleToTeamAt: (r.visible_to_team_at as string) ?? null,
      retryCount: Number(r.retry_count),
      maxAttempts: plan?.definition.retry.maxAttempts ?? 3,
      questionnaireId: (r.questionnaire_id as string) ?? null,
      questionnaireVersion: n(r.questionnaire_version),
      satisfiedReason: (r.satisfied_reason as string) ?? null,
      hasDraft: Number(r.draft_count ?? 0) > 0,
      ...extras(Number(r.id)),
    };
  });
}

export async function queueRowById(knex: Knex, id: number, viewer: Viewer, at: Now): Promise<QueueRow | null> {
  const rows = await withRowColumns(knex, knex('tasks as t').where('t.id', id));
  return rows.length ? (await toQueueRows(knex, rows, viewer, at))[0] : null;
}
