import type { Knex } from 'knex';
import type { CompleteResult, TaskStatus } from '../../shared/contract/followup';
import type { MethodParsed } from '../../shared/contract';
import type { User } from '../../shared/model';
import { ApiError } from '../api/errors';
import { recordDeath, stopEnrolments } from '../plans/stop';
import type { Store } from '../store/store';
import { assessRiskTiers } from '../plans/risk-assessment';
import { closeEscalations, createEscalation } from './escalate';
import { assertToldBeforeCompleting } from '../critical-values/told';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { checkedAnswers, colourTask, questionnaireOf, scoreFinal, writeResponse } from './responses';
import { addBeijingMinutes } from '../../shared/beijing-time';
import type { BeforeCommit } from './drafts';
import { fullTimestamp, loadTask, parseJson, type TaskRecord, type WorkContext } from './work';

type Input = MethodParsed<'followup.complete'>;
interface By {
  userId: number;
  now: string;
}

// Every disposition is one transaction that first takes the task out of 'claimed' by this
// nurse (a conditional UPDATE), so a double submit or a task released meanwhile fails cleanly.

async function close(trx: Knex, task: TaskRecord, by: By, patch: Record<string, unknown>): Promise<void> {
  const n = await trx('tasks')
    .where({ id: task.id, status: 'claimed', assignee_id: by.userId })
    .update({ ...patch, updated_at: by.now });
  if (!n) throw new ApiError('conflict', '该任务已不在您名下 (the task is no longer yours to close)');
}

const noteOf = (task: TaskRecord, input: Input) => (input.note ? [task.note, input.note].filter(Boolean).join('\n') : task.note);

async function extras(trx: Knex, task: TaskRecord, input: Input, by: By): Promise<void> {
  for (const code of input.educationGiven ?? [])
    await trx('education_given')
      .insert({ task_id: task.id, patient_id: task.patient_id, item_code: code, given_by: by.userId, given_at: by.now })
      .onConflict(['task_id', 'item_code'])
      .ignore();
  if (input.appointment)
    await trx('appointments').insert({
      patient_id: task.patient_id,
      task_id: task.id,
      dept_id: input.appointment.deptId ?? null,
      date: input.appointment.date,
      note: input.appointment.note ?? null,
      status: 'booked',
      created_by: by.userId,
      created_at: by.now,
    });
}

const anchorOf = async (trx: Knex, task: TaskRecord): Promise<number[]> =>
  (await trx('enrolments').where({ id: task.enrolment_id }).pluck('anchor_encounter_id')).map(Number);

async function reached(trx: Knex, task: TaskRecord, by: By, alive: boolean): Promise<void> {
  const patch: Record<string, unknown> = { last_contact_date: by.now.slice(0, 10), lost_to_followup: 0, lost_reason: null };
  if (alive) patch.vital_status = 'alive';
  await trx('patients').where({ id: task.patient_id }).whereNot('vital_status', 'deceased').update(patch);
  await trx('enrolments').where({ id: task.enrolment_id }).update({ unreachable_streak: 0 });
}

async function completed(trx: Knex, ctx: WorkContext, input: Extract<Input, { disposition: 'completed' }>, lib: QuestionnaireLibrary, by: By) {
  const { task, plan } = ctx;
  let escalationTaskId: number | null = null;
  await assertToldBeforeCompleting(trx, task.id);
  const def = task.kind === 'followup' ? questionnaireOf(lib, task) : null;
  if (task.questionnaire_id && task.kind === 'followup' && !def)
    throw new ApiError('internal', `questionnaire ${task.questionnaire_id} v${task.questionnaire_version} is not installed`);
  if (def) {
    const stored = await trx('responses').where({ task_id: task.id }).first('answers');
    const answers = checkedAnswers(input.answers ?? parseJson(stored?.answers, {}), def);
    // Scored again here whatever the screen showed: the escalation rule is enforced in main.
    const outcome = scoreFinal(def, answers);
    const escalating = outcome.triggers.filter((t) => t.escalate);
    if (escalating.length && !input.escalationNote)
      throw new ApiError('invalid_input', `需要填写上报说明后才能完成随访 (an escalation note is required: ${escalating.map((t) => t.message).join('; ')})`, [
        { path: 'escalationNote', message: 'required' },
      ]);
    await writeResponse(trx, task, def, answers, outcome, { ...by, seq: Date.now(), final: true });
    await colourTask(trx, task, outcome, by.now);
    if (plan.definition.riskTiers) await assessRiskTiers(trx, by.now, { plan, encounterIds: await anchorOf(trx, task) });
    if (escalating.length) escalationTaskId = await createEscalation(trx, plan, task, escalating, input.escalationNote!, by);
  }
  if (task.kind === 'escalation') await closeEscalations(trx, task.id, by);
  await close(trx, task, by, { status: 'done', disposition: 'completed', completed_at: by.now, completed_by: by.userId, note: noteOf(task, input) });
  await reached(trx, task, by, true);
  return { status: 'done' as TaskStatus, escalationTaskId };
}

/**
 * The patient called us about this task: a callback for a missed call, or a missed call noted on a
 * booked callback (tasks/callback-task.ts). Not reaching them back is no sign of being lost.
 */
async function patientCalled(trx: Knex, task: TaskRecord): Promise<boolean> {
  if (task.kind === 'callback') return true;
  return !!(await trx('missed_call_callbacks').where({ task_id: task.id }).first('call_id'));
}

async function noContact(trx: Knex, ctx: WorkContext, input: Input, by: By) {
  const { task, plan } = ctx;
  const tried = await trx('attempts')
    .where({ task_id: task.id })
    .where('started_at', '>=', task.claimed_at ?? '')
    .whereNot('outcome', 'connected')
    .first('id');
  if (!tried) throw new ApiError('invalid_input', '请先记录拨打结果 (log at least one unanswered dial before closing as no contact)');
  const usable = await trx('phones').where({ patient_id: task.patient_id, wrong_number: 0 }).first('id');
  const tries = Number(task.retry_count) + 1;
  const note = noteOf(task, input);
  if (usable && tries < plan.definition.retry.maxAttempts) {
    const nextTryAt = addBeijingMinutes(by.now, plan.definition.retry.intervalHours * 60);
    await close(trx, task, by, {
      status: 'pending',
      assignee_id: null,
      claimed_at: null,
      retry_count: tries,
      available_at: nextTryAt,
      reserved_for: null,
      callback_at: null,
      visible_to_team_at: null,
      note,
    });
    return { status: 'pending' as TaskStatus, nextTryAt, stoppedEnrolments: 0 };
  }
  await close(trx, task, by, {
    status: 'unreachable',
    retry_count: tries,
    disposition: usable ? 'no_contact' : 'no_valid_number',
    completed_at: by.now,
    completed_by: by.userId,
    note,
  });
  // A patient who called us is not lost: this neither adds to the streak (stop.lostAfterUnreachable) nor stops the plan.
  if (await patientCalled(trx, task)) return { status: 'unreachable' as TaskStatus, nextTryAt: null, stoppedEnrolments: 0 };
  const [{ streak }] = (await trx('enrolments')
    .where({ id: task.enrolment_id })
    .increment('unreachable_streak', 1)
    .returning('unreachable_streak as streak')) as unknown as { streak: number }[];
  const limit = plan.definition.stop.lostAfterUnreachable;
  let stoppedEnrolments = 0;
  if (limit > 0 && Number(streak) >= limit) {
    await trx('patients')
      .where({ id: task.patient_id })
      .update({ lost_to_followup: 1, lost_reason: usable ? 'unreachable' : 'no_valid_number' });
    stoppedEnrolments = await stopEnrolments(trx, [task.enrolment_id], 'lost', by.now);
  }
  return { status: 'unreachable' as TaskStatus, nextTryAt: null, stoppedEnrolments };
}

export async function completeFollowup(
  store: Store,
  lib: QuestionnaireLibrary,
  user: User,
  input: Input,
  now: string,
  beforeCommit: BeforeCommit<{ status: TaskStatus; patientId: number }> = async () => {},
): Promise<CompleteResult> {
  const by = { userId: user.id, now };
  const ctx = await loadTask(store.knex, input.taskId, user, true);
  const { task, plan } = ctx;
  return store.knex.transaction(async (trx) => {
    // Write first: it takes the task (and SQLite's write lock) before anything is read.
    await close(trx, task, by, {});
    let result: Omit<CompleteResult, 'taskId'> = { status: 'done', nextTryAt: null, escalationTaskId: null, stoppedEnrolments: 0 };
    switch (input.disposition) {
      case 'completed':
        result = { ...result, ...(await completed(trx, ctx, input, lib, by)) };
        break;
      case 'no_contact':
        result = { ...result, ...(await noContact(trx, ctx, input, by)) };
        break;
      case 'refused':
        await close(trx, task, by, {
          status: 'done',
          disposition: 'refused',
          completed_at: now,
          completed_by: user.id,
          note: noteOf(task, { ...input, note: [input.reason && `拒访原因: ${input.reason}`, input.note].filter(Boolean).join('\n') || undefined }),
        });
        await reached(trx, task, by, true);
        result.stoppedEnrolments = await stopEnrolments(trx, [task.enrolment_id], 'refused', now);
        break;
      case 'deceased':
        await close(trx, task, by, { status: 'done', disposition: 'deceased', completed_at: now, completed_by: user.id, note: noteOf(task, input) });
        await trx('patients')
          .where({ id: task.patient_id })
          .update({ last_contact_date: now.slice(0, 10) });
        result.stoppedEnrolments = await recordDeath(trx, task.patient_id, { date: input.deathDate, cause: input.deathCause ?? null }, now);
        break;
      case 'callback': {
        const at = fullTimestamp(input.callbackAt);
        if (at < addBeijingMinutes(now, -5)) throw new ApiError('invalid_input', '回拨时间不能早于现在 (the callback time is in the past)');
        await close(trx, task, by, {
          status: 'pending',
          assignee_id: null,
          claimed_at: null,
          reserved_for: user.id,
          callback_at: at,
          available_at: at,
          visible_to_team_at: addBeijingMinutes(at, plan.definition.callback.teamDelayMinutes),
          note: noteOf(task, input),
        });
        await reached(trx, task, by, true);
        result.status = 'pending';
        result.nextTryAt = at;
        break;
      }
    }
    await extras(trx, task, input, by);
    await beforeCommit(trx, { status: result.status, patientId: task.patient_id });
    return { taskId: task.id, ...result };
  });
}
