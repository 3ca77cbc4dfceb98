import type { ReportColumn } from '../../../shared/contract/reports';
import type { Answers, QuestionnaireDef } from '../../../shared/questionnaire/schema';
import { shiftBack } from '../deidentify';
import type { ReportRow } from '../table-types';

// One row per questionnaire response, one column per item: choices as a code column and a label
// column, numbers and dates as such, free text as text (dropped when de-identified), then scores.

const col = (key: string, zh: string, en: string, type: ReportColumn['type'] = 'text'): ReportColumn => ({ key, title: { zh, en }, type });

export interface Deidentified {
  pseudonym: string;
  shiftDays: number;
}

/** A completed response as read for export, with its patient, department, plan and first phone. */
export interface ResponseRow {
  id: number;
  patient_id: number;
  questionnaire_version: number;
  answers: string;
  scores: string | null;
  completed_at: string;
  name: string;
  id_number: string | null;
  gender_code: string;
  birth_date: string | null;
  dept_name: string | null;
  plan_name: string | null;
  point_label: string | null;
  phone: string | null;
}

type Item = QuestionnaireDef['items'][number];

/** Items and scores of every version found, the newest version's order first. */
export function itemColumns(defs: QuestionnaireDef[], deidentify: boolean): ReportColumn[] {
  const seen = new Set<string>();
  const out: ReportColumn[] = [];
  const add = (c: ReportColumn) => {
    if (!seen.has(c.key)) {
      seen.add(c.key);
      out.push(c);
    }
  };
  for (const def of defs)
    for (const it of def.items) {
      if (it.type === 'display' || (deidentify && it.type === 'text')) continue;
      if (it.type === 'single' || it.type === 'multiple') {
        add(col(`i:${it.id}`, `${it.id}（编码）`, `${it.id} (code)`));
        add(col(`l:${it.id}`, `${it.id} ${it.text}`, `${it.id} ${it.textEn}`));
      } else
        add(
          col(
            `i:${it.id}`,
            `${it.id} ${it.text}`,
            `${it.id} ${it.textEn}`,
            it.type === 'integer' ? 'int' : it.type === 'decimal' ? 'decimal' : it.type === 'date' ? 'date' : 'text',
          ),
        );
    }
  for (const def of defs) for (const s of def.scores) add(col(`s:${s.id}`, `${s.id} ${s.label}`, `${s.id} ${s.labelEn}`, 'decimal'));
  return out;
}

export function baseColumns(deidentify: boolean): ReportColumn[] {
  return [
    ...(deidentify ? [] : [col('responseId', '应答编号', 'Response id', 'int')]),
    col('patient', deidentify ? '患者代码' : '患者编号', deidentify ? 'Patient code' : 'Patient id'),
    ...(deidentify ? [] : [col('name', '姓名', 'Name'), col('idNumber', '身份证号', 'ID number'), col('phone', '联系电话', 'Phone')]),
    col('gender', '性别', 'Sex'),
    col('age', '年龄', 'Age', 'int'),
    col('dept', '科室', 'Department'),
    col('plan', '随访计划', 'Plan'),
    col('point', '随访点', 'Point'),
    col('completedAt', '完成时间', 'Completed at', 'datetime'),
    col('version', '问卷版本', 'Version', 'int'),
  ];
}

function answerCells(it: Item, a: Answers[string], deid: Deidentified | null): ReportRow {
  if (a === undefined || a === null) return {};
  if (it.type === 'single' || it.type === 'multiple') {
    const values = Array.isArray(a) ? a : [String(a)];
    const label = (v: string) => it.options?.find((o) => o.value === v)?.label ?? v;
    return { [`i:${it.id}`]: values.join(','), [`l:${it.id}`]: values.map(label).join('；') };
  }
  if (it.type === 'text' && deid) return {};
  if (it.type === 'date' && deid && typeof a === 'string') return { [`i:${it.id}`]: shiftBack(a, deid.shiftDays) };
  return { [`i:${it.id}`]: Array.isArray(a) ? a.join(',') : a };
}

export function itemCells(def: QuestionnaireDef, answers: Answers, scores: { id: string; value: number | null }[], deid: Deidentified | null): ReportRow {
  const row: ReportRow = {};
  for (const it of def.items) if (it.type !== 'display') Object.assign(row, answerCells(it, answers[it.id], deid));
  for (const s of scores) row[`s:${s.id}`] = s.value;
  return row;
}
