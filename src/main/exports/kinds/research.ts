import { z } from 'zod';
import { date, id } from '../../../shared/contract/common';
import type { QuestionnaireDef } from '../../../shared/questionnaire/schema';
import { ApiError } from '../../api/errors';
import { canSeeFullIdNumber, canSeeFullPhone, maskIdNumber, maskPhone } from '../../auth/permissions';
import { ageOn } from '../../util/clock';
import { deidentifyKey, pseudonym, shiftBack, shiftDaysOf } from '../deidentify';
import type { ReportRow } from '../table-types';
import { deptNames, GENDER, keysetPages, listScope, PAGE_ROWS, parseParams } from './common';
import { baseColumns, itemCells, itemColumns, type Deidentified, type ResponseRow } from './research-columns';
import { writeFhirBundle } from './research-fhir';
import type { PrepareKind } from './types';

// Research export: completed responses to one questionnaire whose completion falls in a period,
// for the departments in scope. De-identified (REDCap's way): no name, ID number, phone, free
// text or internal response id; a keyed pseudonym for the patient; dates shifted per patient.

export const researchParams = z
  .object({
    questionnaireId: z.string().min(1).max(64),
    from: date,
    to: date,
    deptIds: z.array(id).max(200).optional(),
    deidentify: z.boolean().default(false),
  })
  .strict()
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期 (from must not be after to)', path: ['to'] });

const json = <T>(s: string | null, fallback: T): T => {
  try {
    return s ? (JSON.parse(s) as T) : fallback;
  } catch {
    return fallback;
  }
};

export const prepareResearch: PrepareKind = async ({ knex, clock, user, library, format }, params) => {
  const p = parseParams(researchParams, params);
  const scope = await listScope(knex, user, p.deptIds);
  const versions = (
    await knex('responses').where({ questionnaire_id: p.questionnaireId, draft: 0 }).distinct('questionnaire_version').pluck('questionnaire_version')
  )
    .map(Number)
    .sort((a, b) => b - a);
  const latest = library.get(p.questionnaireId);
  if (!latest) throw new ApiError('not_found', `问卷不存在 (questionnaire ${p.questionnaireId} not found)`);
  const defOf = (v: number): QuestionnaireDef => library.get(p.questionnaireId, v) ?? latest;
  const defs = [...new Map([latest, ...versions.map(defOf)].map((d) => [d.version, d])).values()];
  const key = p.deidentify ? await deidentifyKey(knex, clock) : null;
  const deidOf = (patientId: number): Deidentified | null => (key ? { pseudonym: pseudonym(key, patientId), shiftDays: shiftDaysOf(key, patientId) } : null);

  const base = () => {
    const q = knex('responses as r')
      .join('tasks as t', 't.id', 'r.task_id')
      .join('patients as pa', 'pa.id', 'r.patient_id')
      .where('r.questionnaire_id', p.questionnaireId)
      .where('r.draft', 0)
      .where('r.completed_at', '>=', `${p.from} 00:00:00`)
      .where('r.completed_at', '<=', `${p.to} 23:59:59`);
    return scope.all ? q : q.whereIn('t.dept_id', scope.deptIds);
  };
  const rawPage = async (after: number | null): Promise<{ rows: ResponseRow[]; next: number | null }> => {
    let q = base()
      .leftJoin('departments as d', 'd.id', 't.dept_id')
      .leftJoin('plans as pl', 'pl.id', 't.plan_id')
      .select(
        'r.id',
        'r.patient_id',
        'r.questionnaire_version',
        'r.answers',
        'r.scores',
        'r.completed_at',
        'pa.name',
        'pa.id_number',
        'pa.gender_code',
        'pa.birth_date',
        'd.name as dept_name',
        'pl.name as plan_name',
        't.point_label',
        knex('phones as ph')
          .select('ph.number')
          .whereRaw('ph.patient_id = r.patient_id')
          .where('ph.wrong_number', 0)
          .orderBy([{ column: 'ph.role', order: 'desc' }, { column: 'ph.success_count', order: 'desc' }, 'ph.id'])
          .limit(1)
          .as('phone'),
      );
    if (after !== null) q = q.where('r.id', '>', after);
    const rows = (await q.orderBy('r.id').limit(PAGE_ROWS)) as ResponseRow[];
    return { rows, next: rows.length === PAGE_ROWS ? Number(rows[rows.length - 1].id) : null };
  };

  const tableRow = (r: ResponseRow): ReportRow => {
    const deid = deidOf(Number(r.patient_id));
    const completedAt = deid ? shiftBack(r.completed_at, deid.shiftDays) : r.completed_at;
    const common: ReportRow = {
      patient: deid ? deid.pseudonym : String(r.patient_id),
      gender: GENDER[r.gender_code] ?? r.gender_code,
      age: ageOn(r.birth_date, r.completed_at.slice(0, 10)),
      dept: r.dept_name,
      plan: r.plan_name,
      point: r.point_label,
      completedAt,
      version: Number(r.questionnaire_version),
    };
    if (!deid)
      Object.assign(common, {
        responseId: Number(r.id),
        name: r.name,
        idNumber: canSeeFullIdNumber(user.role) ? r.id_number : maskIdNumber(r.id_number),
        phone: canSeeFullPhone(user.role) ? r.phone : maskPhone(r.phone),
      });
    const scores = json<{ id: string; value: number | null }[]>(r.scores, []);
    return { ...common, ...itemCells(defOf(Number(r.questionnaire_version)), json(r.answers, {}), scores, deid) };
  };

  const title = `${latest.title}_研究数据${p.deidentify ? '_去标识' : ''}`;
  return {
    title,
    fileStem: `${title}_${p.from}~${p.to}`,
    filters: {
      questionnaireId: p.questionnaireId,
      from: p.from,
      to: p.to,
      科室: await deptNames(knex, scope.all ? undefined : scope.deptIds),
      deidentify: p.deidentify,
    },
    async source() {
      const total = Number((await base().count({ n: '*' }))[0].n);
      const batches = keysetPages(async (after: number | null) => {
        const { rows, next } = await rawPage(after);
        return { rows: rows.map(tableRow), next };
      });
      return { columns: [...baseColumns(p.deidentify), ...itemColumns(defs, p.deidentify)], definitions: [], total, batches };
    },
    ...(format === 'fhir' ? { writeOther: (file, opts) => writeFhirBundle(file, { rawPage, defOf, deidOf, generatedAt: clock.now() }, opts) } : {}),
  };
};
