import type { Knex } from 'knex';
import type { PastAnswer, PastMeasure, PastResult, TimelineFollowup } from '../../shared/followup-results';
import type { ScoreResult } from '../../shared/questionnaire/engine';
import type { Item, QuestionnaireDef } from '../../shared/questionnaire/schema';
import { compiledVersions } from '../plans/definitions';
import { pointNames } from '../plans/point-names';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { parseJson } from '../util/parse-json';

// An earlier follow-up's answers and numbers, resolved against the questionnaire version it was
// answered with (its stored row names id and version), so the screen needs no definition.

function shown(item: Item, v: unknown, en: boolean): string {
  const label = (code: unknown) => {
    const o = item.options?.find((x) => x.value === code);
    return o ? (en ? o.labelEn : o.label) : String(code);
  };
  if (Array.isArray(v)) return v.map(label).join(en ? ', ' : '、');
  if (item.options?.length) return label(v);
  return item.unit && typeof v === 'number' ? `${v} ${item.unit}` : String(v);
}

/** A score that is just this one number (NRS: worst pain) already trends it. */
const scoredAlone = (def: QuestionnaireDef, itemId: string) => def.scores.some((s) => !s.map && s.sum?.length === 1 && s.sum[0] === itemId);

/** Answers in questionnaire order; scores with a value, then numeric answers, as measures. */
export function pastResult(def: QuestionnaireDef | null, answersJson: unknown, scoresJson: unknown): PastResult {
  const scores = parseJson<ScoreResult[]>(scoresJson, []);
  const measures: PastMeasure[] = scores
    .filter((s) => s.applicable && s.value !== null)
    .map((s) => ({ kind: 'score' as const, id: s.id, label: s.label, labelEn: s.labelEn, value: s.value!, unit: null, band: s.band }));
  if (!def) return { answers: [], measures };
  const given = parseJson<Record<string, unknown>>(answersJson, {});
  const answers: PastAnswer[] = [];
  for (const item of def.items) {
    const v = given[item.id];
    if (item.type === 'display' || v == null || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    answers.push({ id: item.id, text: item.text, textEn: item.textEn, value: shown(item, v, false), valueEn: shown(item, v, true) });
    if ((item.type === 'integer' || item.type === 'decimal') && typeof v === 'number' && !scoredAlone(def, item.id))
      measures.push({ kind: 'answer', id: item.id, label: item.text, labelEn: item.textEn, value: v, unit: item.unit ?? null, band: null });
  }
  return { answers, measures };
}

/** Results of these tasks by task id (tasks without a stored response get none). */
export async function pastResults(knex: Knex, lib: QuestionnaireLibrary, taskIds: number[]): Promise<Map<number, PastResult>> {
  const rows = taskIds.length
    ? await knex('responses').whereIn('task_id', taskIds).select('task_id', 'questionnaire_id', 'questionnaire_version', 'answers', 'scores')
    : [];
  return new Map(
    rows.map((r: Record<string, unknown>) => [
      Number(r.task_id),
      pastResult(lib.get(r.questionnaire_id as string, Number(r.questionnaire_version)), r.answers, r.scores),
    ]),
  );
}

/** A patient's closed follow-ups (answered, refused, deceased, unreachable), newest first. */
export async function timelineFollowups(knex: Knex, lib: QuestionnaireLibrary, patientId: number): Promise<TimelineFollowup[]> {
  const rows = await knex('tasks as t')
    .leftJoin('users as u', 'u.id', 't.completed_by')
    .leftJoin('responses as r', 'r.task_id', 't.id')
    .where({ 't.patient_id': patientId, 't.kind': 'followup' })
    .whereIn('t.status', ['done', 'unreachable'])
    .whereNotNull('t.completed_at')
    .orderBy([
      { column: 't.completed_at', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .limit(100)
    .select(
      't.id',
      't.plan_version_id',
      't.kind',
      't.track_id',
      't.point_index',
      't.point_label',
      't.status',
      't.disposition',
      't.completed_at',
      'u.display_name as nurse',
      'r.warning_colour',
    );
  const plans = await compiledVersions(
    knex,
    rows.map((r: { plan_version_id: number }) => Number(r.plan_version_id)),
  );
  const results = await pastResults(
    knex,
    lib,
    rows.map((r: { id: number }) => Number(r.id)),
  );
  return rows.map((r: Record<string, unknown>): TimelineFollowup => {
    const plan = plans.get(Number(r.plan_version_id));
    return {
      taskId: Number(r.id),
      at: r.completed_at as string,
      ...pointNames(plan, r),
      status: r.status as TimelineFollowup['status'],
      disposition: (r.disposition as string) ?? null,
      nurseName: (r.nurse as string) ?? null,
      warningColour: (r.warning_colour as TimelineFollowup['warningColour']) ?? null,
      ...(results.get(Number(r.id)) ?? { answers: [], measures: [] }),
    };
  });
}
