import type { Knex } from 'knex';
import type { AttemptOutcome, FollowupOutputs } from '../../shared/contract/followup';
import type { User } from '../../shared/model';
import { score } from '../../shared/questionnaire/engine';
import { ApiError } from '../api/errors';
import { canSeeFullPhone } from '../auth/permissions';
import type { Store } from '../store/store';
import { countDial, linkCallToAttempt } from './call-outcome';
import { dialledPhone } from './dialled-number';
import { attemptQuery, callPhones, toAttempt } from './phones';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { checkedAnswers, colourTask, questionnaireOf, responseOf, writeResponse } from './responses';
import { fullTimestamp, loadTask } from './work';

/**
 * Written inside a change's transaction just before it commits: the call's audit row, so the
 * change and its row commit together or not at all (api/dispatcher.ts auditWithin).
 */
export type BeforeCommit<T> = (trx: Knex, output: T) => Promise<void>;

/**
 * Saved as the nurse types: one upsert (plus a colour update when a trigger changes it).
 * Partial answers are fine here; only `complete` insists on a valid questionnaire.
 */
export async function saveDraft(
  store: Store,
  lib: QuestionnaireLibrary,
  user: User,
  input: { taskId: number; answers: Record<string, unknown>; seq: number },
  now: string,
  beforeCommit: BeforeCommit<{ applied: boolean }> = async () => {},
): Promise<FollowupOutputs['followup.saveDraft']> {
  const { task } = await loadTask(store.knex, input.taskId, user, true);
  const def = questionnaireOf(lib, task);
  if (!def) throw new ApiError('invalid_input', '该任务没有问卷 (this task has no questionnaire)');
  const answers = checkedAnswers(input.answers, def);
  const outcome = score(def, answers);
  return store.knex.transaction(async (trx) => {
    // The task's row first, as completing does (complete.ts): a save racing the completion waits
    // for it instead of the two locking task and response in opposite orders (a deadlock). SQLite
    // takes its one write lock at BEGIN already.
    if (store.dialect === 'pg') await trx('tasks').where({ id: task.id }).forNoKeyUpdate().first('id');
    const applied = await writeResponse(trx, task, def, answers, outcome, { userId: user.id, now, seq: input.seq, final: false });
    const response = (await responseOf(trx, task.id))!;
    if (!response.draft) throw new ApiError('conflict', '该问卷已提交 (the questionnaire was already submitted)');
    // The colour follows what is stored, so a stale save cannot turn a red task green again.
    const taskColour = await colourTask(
      trx,
      task,
      { scores: response.scores, triggers: response.triggers, warningColor: response.warningColour ?? 'green', escalate: false },
      now,
    );
    await beforeCommit(trx, { applied });
    return { applied, response, taskColour };
  });
}

/** One dial and its outcome; the number's history follows (wrong numbers are marked for good). */
export async function logAttempt(
  store: Store,
  user: User,
  input: { taskId: number; phoneNumber: string; outcome: AttemptOutcome; startedAt?: string; endedAt?: string; callId?: number; note?: string },
  now: string,
  beforeCommit: BeforeCommit<{ attempt: { id: number } }> = async () => {},
): Promise<FollowupOutputs['followup.logAttempt']> {
  const { knex } = store;
  const { task } = await loadTask(knex, input.taskId, user, true);
  const id = await knex.transaction(async (trx) => {
    // Write first (the task must still be hers): SQLite then holds the write lock before reading.
    const held = await trx('tasks').where({ id: task.id, status: 'claimed', assignee_id: user.id }).update({ updated_at: now });
    if (!held) throw new ApiError('conflict', '该任务已不在您名下 (the task is no longer yours)');
    const outcome = input.callId ? await linkCallToAttempt(trx, input.callId, task.id, input.outcome) : input.outcome;
    const { number, kind, known } = await dialledPhone(trx, task.patient_id, input.phoneNumber);
    // A number the patient gives on the phone is kept for next time.
    if (!known) await trx('phones').insert({ patient_id: task.patient_id, number, kind, role: 'contact', source: 'nurse' });
    await countDial(trx, task.patient_id, number, outcome);
    if (outcome === 'connected')
      await trx('patients')
        .where({ id: task.patient_id })
        .update({ last_contact_date: now.slice(0, 10) });
    const [row] = await trx('attempts')
      .insert({
        task_id: task.id,
        patient_id: task.patient_id,
        phone_number: number,
        outcome,
        started_at: input.startedAt ? fullTimestamp(input.startedAt) : now,
        ended_at: input.endedAt ? fullTimestamp(input.endedAt) : null,
        nurse_id: user.id,
        call_id: input.callId ?? null,
        note: input.note ?? null,
      })
      .returning('id');
    const attemptId = Number((row as { id: number }).id ?? row);
    await beforeCommit(trx, { attempt: { id: attemptId } });
    return attemptId;
  });
  const phones = await callPhones(knex, task.patient_id, task.id, user.role);
  // The new dial is the newest of its number's: read again only if it is not there.
  const attempt =
    phones.flatMap((p) => p.recent).find((a) => a.id === id) ?? toAttempt(await attemptQuery(knex).where('a.id', id).first(), canSeeFullPhone(user.role));
  return { attempt, phones };
}
