import type { Knex } from 'knex';
import type { CallScript, EducationState, EscalationInfo, FollowupView, TaskStatus, WarningColour } from '../../shared/contract/followup';
import type { PlanDefinition } from '../../shared/plans/schema';
import type { User } from '../../shared/model';
import { canSeeFullPhone } from '../auth/permissions';
import type { Store } from '../store/store';
import type { Now } from './queue';
import { attemptQuery, callPhones, toAttempt } from './phones';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { pastResults } from '../followup-history/past-results';
import { questionnaireOf, responseOf } from './responses';
import { queueRowById } from './rows';
import { pointNames } from '../plans/point-names';
import { treatmentStartInfo } from '../plans/treatment-start';
import { loadTask, parseJson } from './work';
import { criticalValueOfTask } from '../critical-values/read';

/** The script of a plan that has none. */
export const DEFAULT_SCRIPT: CallScript = {
  opening: '您好，我是医院随访中心的护士。请问您是{name}本人（或家属）吗？请核对一下出生日期。为保证服务质量，本次通话将会录音，您同意吗？',
  openingEn:
    'Hello, this is the hospital follow-up nurse. Am I speaking with {name} or a family member? Please confirm the date of birth. This call is recorded for quality; do you agree?',
  closing: '感谢您的配合。如有不适请及时就诊，祝您早日康复。',
  closingEn: 'Thank you. If you feel unwell, please see a doctor promptly. We wish you a quick recovery.',
};

/** The plan's opening and closing with the patient's name; each part the plan leaves out is the default one. */
function scriptOf(def: PlanDefinition, name: string): CallScript {
  const s = def.script;
  const fill = (t: string | null | undefined) => (t ? t.replace(/\{name\}/g, name) : null);
  const opening = s.opening ? { opening: s.opening, openingEn: s.openingEn } : DEFAULT_SCRIPT;
  const closing = s.closing ? { closing: s.closing, closingEn: s.closingEn } : DEFAULT_SCRIPT;
  return { opening: fill(opening.opening)!, openingEn: fill(opening.openingEn), closing: fill(closing.closing)!, closingEn: fill(closing.closingEn) };
}

async function escalationsOf(knex: Knex, patientId: number): Promise<EscalationInfo[]> {
  const rows = await knex('escalations as e')
    .leftJoin('departments as d', 'd.id', 'e.dept_id')
    .leftJoin('users as u', 'u.id', 'e.created_by')
    .where({ 'e.patient_id': patientId, 'e.status': 'open' })
    .orderBy('e.id', 'desc')
    .select('e.*', 'd.name as dept_name', 'u.display_name as by_name');
  return rows.map((r: Record<string, unknown>): EscalationInfo => ({
    id: Number(r.id),
    taskId: Number(r.task_id),
    escalationTaskId: r.escalation_task_id == null ? null : Number(r.escalation_task_id),
    deptName: (r.dept_name as string) ?? null,
    triggers: parseJson(r.triggers, []),
    note: r.note as string,
    status: r.status as 'open' | 'closed',
    dueAt: r.due_at as string,
    createdBy: r.created_by == null ? null : { id: Number(r.created_by), name: (r.by_name as string) ?? '' },
    createdAt: r.created_at as string,
  }));
}

export async function openFollowup(store: Store, lib: QuestionnaireLibrary, user: User, taskId: number, at: Now): Promise<FollowupView> {
  const { knex } = store;
  const { task, plan, held } = await loadTask(knex, taskId, user, false);
  const row = (await queueRowById(knex, taskId, user, at))!;
  const en = await knex('enrolments').where({ id: task.enrolment_id }).first();
  const p = await knex('patients').where({ id: task.patient_id }).first();
  const given = new Set((await knex('education_given').where({ task_id: task.id }).pluck('item_code')) as string[]);
  const items = new Map(plan.definition.education.map((e) => [e.code, e]));
  const education = parseJson<string[]>(task.education, []).map((code): EducationState => ({
    code,
    title: items.get(code)?.title ?? code,
    titleEn: items.get(code)?.titleEn ?? null,
    content: items.get(code)?.content ?? '',
    contentEn: items.get(code)?.contentEn ?? null,
    given: given.has(code),
  }));
  const history = await knex('tasks as t')
    .leftJoin('responses as r', 'r.task_id', 't.id')
    .where({ 't.enrolment_id': task.enrolment_id, 't.kind': 'followup' })
    .whereNot('t.id', task.id)
    .where('t.due_date', '<=', task.due_date)
    .orderBy('t.due_date', 'desc')
    .limit(50)
    .select('t.id', 't.kind', 't.track_id', 't.point_index', 't.point_label', 't.due_date', 't.status', 't.completed_at', 'r.warning_colour', 'r.scores');
  const past = await pastResults(
    knex,
    lib,
    history.map((h: { id: number }) => Number(h.id)),
  );
  const appointments = await knex('appointments as a')
    .leftJoin('departments as d', 'd.id', 'a.dept_id')
    .leftJoin('users as u', 'u.id', 'a.created_by')
    .where('a.patient_id', task.patient_id)
    .orderBy('a.date', 'desc')
    .limit(20)
    .select('a.*', 'd.name as dept_name', 'u.display_name as by_name');
  return {
    task: row,
    editable: held,
    enrolment: {
      id: Number(en.id),
      status: en.status,
      stopReason: en.stop_reason ?? null,
      anchorDate: en.anchor_date,
      anchorEncounterId: en.anchor_encounter_id == null ? null : Number(en.anchor_encounter_id),
      matchedRule: en.matched_rule,
      enrolledAt: en.enrolled_at,
      treatmentStart: await treatmentStartInfo(knex, Number(en.id), plan),
    },
    registry: {
      vitalStatus: p.vital_status,
      lastContactDate: p.last_contact_date ?? null,
      lostToFollowup: !!Number(p.lost_to_followup),
      lostReason: p.lost_reason ?? null,
      deathDate: p.death_date ?? null,
      deathCause: p.death_cause ?? null,
    },
    phones: await callPhones(knex, task.patient_id, task.id, user.role),
    attempts: (await attemptQuery(knex).where('a.task_id', task.id).orderBy('a.id', 'desc')).map((a: Record<string, unknown>) =>
      toAttempt(a, canSeeFullPhone(user.role)),
    ),
    script: scriptOf(plan.definition, p.name),
    questionnaire: questionnaireOf(lib, task),
    response: await responseOf(knex, task.id),
    education,
    appointments: appointments.map((a: Record<string, unknown>) => ({
      id: Number(a.id),
      date: a.date as string,
      deptId: a.dept_id == null ? null : Number(a.dept_id),
      deptName: (a.dept_name as string) ?? null,
      note: (a.note as string) ?? null,
      status: a.status as 'booked' | 'cancelled',
      createdBy: a.created_by == null ? null : { id: Number(a.created_by), name: (a.by_name as string) ?? '' },
      createdAt: a.created_at as string,
    })),
    history: history.map((h: Record<string, unknown>) => ({
      taskId: Number(h.id),
      pointLabel: (h.point_label as string) ?? null,
      pointLabelEn: pointNames(plan, h).pointLabelEn,
      dueDate: h.due_date as string,
      status: h.status as TaskStatus,
      completedAt: (h.completed_at as string) ?? null,
      warningColour: (h.warning_colour as WarningColour) ?? null,
      scores: parseJson(h.scores, []),
      ...(past.get(Number(h.id)) ?? { answers: [], measures: [] }),
    })),
    escalations: await escalationsOf(knex, task.patient_id),
    criticalValue: await criticalValueOfTask(knex, task),
  };
}
