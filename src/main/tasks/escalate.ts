import type { Knex } from 'knex';
import type { SafetyTrigger } from '../../shared/contract/followup';
import type { CompiledPlan } from '../plans/definitions';
import { addBeijingMinutes } from '../../shared/beijing-time';
import { bothLanguages } from '../../shared/bilingual';
import type { TaskRecord } from './work';

/** The department an escalation goes to: the plan's named one, else the anchor encounter's. */
async function responsibleDept(knex: Knex, plan: CompiledPlan, task: TaskRecord): Promise<number | null> {
  const name = plan.definition.escalation.department;
  if (name) {
    const d = (await knex('departments').where({ name }).first('id')) ?? (await knex('department_aliases').where({ name }).first('department_id as id'));
    if (d) return Number(d.id);
  }
  return task.dept_id == null ? null : Number(task.dept_id);
}

/**
 * A safety trigger asked for escalation: the note is recorded and a red escalation task for the
 * responsible department joins the queue, due within the plan's escalation.dueHours.
 */
export async function createEscalation(
  trx: Knex,
  plan: CompiledPlan,
  task: TaskRecord,
  triggers: SafetyTrigger[],
  note: string,
  /** userId null: the system raised it (a critical value's missed notification deadline). */
  by: { userId: number | null; now: string },
): Promise<number> {
  const deptId = await responsibleDept(trx, plan, task);
  const dueAt = addBeijingMinutes(by.now, plan.definition.escalation.dueHours * 60);
  const today = by.now.slice(0, 10);
  const reason = bothLanguages(
    `上报：${triggers.map((t) => t.message).join('；')}`,
    `Escalated: ${triggers.map((t) => t.messageEn ?? t.message).join('; ')}`,
    256,
  );
  await trx('tasks')
    .insert({
      kind: 'escalation',
      enrolment_id: task.enrolment_id,
      plan_id: task.plan_id,
      plan_version_id: task.plan_version_id,
      patient_id: task.patient_id,
      dept_id: deptId,
      track_id: task.track_id,
      point_index: task.point_index,
      point_label: task.point_label,
      due_date: today,
      window_start: today,
      window_end: dueAt.slice(0, 10),
      channel: 'call',
      questionnaire_id: null,
      questionnaire_version: null,
      education: '[]',
      priority: 0,
      critical: 1,
      colour: 'red',
      priority_reason: reason,
      status: 'pending',
      available_at: by.now,
      retry_count: 0,
      note,
      created_at: by.now,
      updated_at: by.now,
    })
    .onConflict(['enrolment_id', 'track_id', 'point_index', 'kind'])
    .ignore();
  const esc = await trx('tasks')
    .where({ enrolment_id: task.enrolment_id, track_id: task.track_id, point_index: task.point_index, kind: 'escalation' })
    .first('id');
  await trx('escalations').insert({
    task_id: task.id,
    escalation_task_id: esc.id,
    patient_id: task.patient_id,
    dept_id: deptId,
    triggers: JSON.stringify(triggers),
    note,
    status: 'open',
    due_at: dueAt,
    created_by: by.userId,
    created_at: by.now,
  });
  return Number(esc.id);
}

/** Completing an escalation task closes the escalations it carries. */
export async function closeEscalations(trx: Knex, escalationTaskId: number, by: { userId: number; now: string }): Promise<void> {
  await trx('escalations')
    .where({ escalation_task_id: escalationTaskId, status: 'open' })
    .update({ status: 'closed', closed_at: by.now, closed_by: by.userId });
}
