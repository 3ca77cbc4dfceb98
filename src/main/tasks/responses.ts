import type { Knex } from 'knex';
import { bothLanguages } from '../../shared/bilingual';
import type { ResponseState, WarningColour } from '../../shared/contract/followup';
import { score, validateAnswers, type ScoreOutcome } from '../../shared/questionnaire/engine';
import { answersSchema, type Answers, type QuestionnaireDef } from '../../shared/questionnaire/schema';
import { validateAnswerValues, type AnswerIssue } from '../../shared/questionnaire/validate-answers';
import { ApiError } from '../api/errors';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { parseJson, type TaskRecord } from './work';

export function questionnaireOf(lib: QuestionnaireLibrary, task: TaskRecord): QuestionnaireDef | null {
  return task.questionnaire_id ? lib.get(task.questionnaire_id, task.questionnaire_version) : null;
}

const answerIssues = (issues: AnswerIssue[]) => issues.map((i) => ({ path: `answers.${i.item}`, message: `${i.message} (${i.messageEn})` }));

/** Answers well formed, each one a value its item allows (drafts and completion alike; partial is fine). */
export function checkedAnswers(raw: Record<string, unknown>, def: QuestionnaireDef): Answers {
  const parsed = answersSchema.safeParse(raw);
  if (!parsed.success)
    throw new ApiError(
      'invalid_input',
      '答案格式不正确 (malformed answers)',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const issues = validateAnswerValues(def, parsed.data);
  if (issues.length) throw new ApiError('invalid_input', `答案不符合问卷 (${issues.length} answer(s) not allowed by the questionnaire)`, answerIssues(issues));
  return parsed.data;
}

/** Final answers must pass the questionnaire's own checks (required, ranges, options). */
export function scoreFinal(def: QuestionnaireDef, answers: Answers): ScoreOutcome {
  const issues = validateAnswers(def, answers);
  if (issues.length) throw new ApiError('invalid_input', `问卷未完成或有误 (the questionnaire has ${issues.length} problem(s))`, answerIssues(issues));
  return score(def, answers);
}

export function toResponseState(r: Record<string, unknown>): ResponseState {
  return {
    questionnaireId: r.questionnaire_id as string,
    questionnaireVersion: Number(r.questionnaire_version),
    answers: parseJson(r.answers, {}),
    scores: parseJson(r.scores, []),
    triggers: parseJson(r.triggers, []),
    warningColour: (r.warning_colour as WarningColour) ?? null,
    draft: !!Number(r.draft),
    version: Number(r.version),
    seq: Number(r.client_seq),
    updatedAt: r.updated_at as string,
    updatedBy: r.updated_by == null ? null : { id: Number(r.updated_by), name: (r.updated_by_name as string) ?? '' },
  };
}

export async function responseOf(knex: Knex, taskId: number): Promise<ResponseState | null> {
  const r = await knex('responses as r')
    .leftJoin('users as u', 'u.id', 'r.updated_by')
    .where('r.task_id', taskId)
    .first('r.*', 'u.display_name as updated_by_name');
  return r ? toResponseState(r) : null;
}

/**
 * Upserts the task's response. A draft save applies only when its seq is above the stored one
 * (retries and late arrivals are no-ops) and never over a completed response; `final` always applies.
 */
export async function writeResponse(
  knex: Knex,
  task: TaskRecord,
  def: QuestionnaireDef,
  answers: Answers,
  outcome: ScoreOutcome,
  by: { userId: number; now: string; seq: number; final: boolean },
): Promise<boolean> {
  const cols = [
    'task_id',
    'patient_id',
    'questionnaire_id',
    'questionnaire_version',
    'answers',
    'scores',
    'triggers',
    'warning_colour',
    'draft',
    'version',
    'client_seq',
    'updated_at',
    'updated_by',
    'completed_at',
  ];
  const values = [
    task.id,
    task.patient_id,
    def.id,
    def.version,
    JSON.stringify(answers),
    JSON.stringify(outcome.scores),
    JSON.stringify(outcome.triggers),
    outcome.warningColor,
    by.final ? 0 : 1,
    1,
    by.seq,
    by.now,
    by.userId,
    by.final ? by.now : null,
  ];
  const guard = by.final ? '' : ' where responses.draft = 1 and responses.client_seq < excluded.client_seq';
  const res = await knex.raw(
    `insert into responses (${cols.join(',')}) values (${cols.map(() => '?').join(',')})
     on conflict (task_id) do update set answers = excluded.answers, scores = excluded.scores, triggers = excluded.triggers,
       warning_colour = excluded.warning_colour, draft = excluded.draft, version = responses.version + 1,
       client_seq = case when excluded.client_seq > responses.client_seq then excluded.client_seq else responses.client_seq end,
       questionnaire_id = excluded.questionnaire_id, questionnaire_version = excluded.questionnaire_version,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by, completed_at = excluded.completed_at${guard}
     returning id`,
    values,
  );
  const rows = Array.isArray(res) ? res : res.rows;
  return rows.length > 0;
}

/** The task's colour follows the answers; a critical value keeps it red whatever they say. */
export async function colourTask(knex: Knex, task: TaskRecord, outcome: ScoreOutcome, now: string): Promise<WarningColour | null> {
  const colour: WarningColour = Number(task.critical) ? 'red' : outcome.warningColor;
  const red = outcome.triggers.find((t) => t.color === 'red');
  const reason = Number(task.critical) ? task.priority_reason : red ? bothLanguages(red.message, red.messageEn, 256) : null;
  const priority = colour === 'red' ? 0 : 1;
  if (task.colour !== colour || Number(task.priority) !== priority || (task.priority_reason ?? null) !== reason)
    await knex('tasks').where({ id: task.id }).update({ colour, priority, priority_reason: reason, updated_at: now });
  return colour;
}
