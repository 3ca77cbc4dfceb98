import type { Knex } from 'knex';
import type { TaskKind } from '../../shared/contract/followup';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { assertTaskVisible } from '../auth/access';
import { compiledVersions, type CompiledPlan } from '../plans/definitions';

/** The Beijing date and time a call works at. */
export interface Now {
  today: string;
  now: string;
}

export interface TaskRecord {
  id: number;
  kind: TaskKind;
  enrolment_id: number;
  plan_id: number;
  plan_version_id: number;
  patient_id: number;
  dept_id: number | null;
  track_id: string;
  point_index: number;
  point_label: string | null;
  due_date: string;
  window_start: string;
  window_end: string;
  channel: string;
  questionnaire_id: string | null;
  questionnaire_version: number | null;
  education: string | null;
  priority: number;
  critical: number;
  colour: string | null;
  priority_reason: string | null;
  status: string;
  assignee_id: number | null;
  claimed_at: string | null;
  reserved_for: number | null;
  callback_at: string | null;
  retry_count: number;
  note: string | null;
}

export interface WorkContext {
  task: TaskRecord;
  plan: CompiledPlan;
  held: boolean;
}

/** A task with its plan version; `mustHold`: only the nurse holding the claim may write to it. */
export async function loadTask(knex: Knex, taskId: number, user: User, mustHold: boolean): Promise<WorkContext> {
  const raw = await knex('tasks').where({ id: taskId }).first();
  if (!raw) throw new ApiError('not_found', `task ${taskId} not found`);
  const task = { ...raw, id: Number(raw.id), patient_id: Number(raw.patient_id), enrolment_id: Number(raw.enrolment_id) } as TaskRecord;
  await assertTaskVisible(knex, user, task);
  const held = task.status === 'claimed' && Number(task.assignee_id) === user.id;
  if (mustHold && !held)
    throw new ApiError(
      'conflict',
      task.status === 'claimed' ? '该任务由其他护士处理中 (another nurse holds this task)' : `请先领取该任务 (claim the task first; it is ${task.status})`,
    );
  const plan = (await compiledVersions(knex, [Number(task.plan_version_id)])).get(Number(task.plan_version_id));
  if (!plan) throw new ApiError('internal', `plan version ${task.plan_version_id} missing`);
  return { task, plan, held };
}

export { parseJson } from '../util/parse-json';

/** 'YYYY-MM-DD HH:mm' → 'YYYY-MM-DD HH:mm:00'. */
export const fullTimestamp = (s: string): string => (s.length === 16 ? `${s}:00` : s);
