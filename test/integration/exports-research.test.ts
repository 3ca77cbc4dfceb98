import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pseudonym, shiftBack, shiftDaysOf } from '../../src/main/exports/deidentify';
import { exportService } from '../../src/main/exports/export-service';
import { exportsDir } from '../../src/main/exports/files';
import { libraryOf } from '../../src/main/questionnaires/questionnaire-library';
import { checkFhirQuestionnaireResponse } from '../../src/shared/questionnaire/fhir';
import { parseQuestionnaire } from '../../src/shared/questionnaire/parse';
import type { User } from '../../src/shared/model';
import { exportWorld, type ExportWorld } from '../helpers/exports';
import { parseCsv } from '../helpers/spreadsheet';
import { createTestStore, STORE_KINDS, type TestStore } from '../helpers/stores';

// Research export: one row per completed response, codes and labels per item, scores; the FHIR
// bundle; and the de-identified variant (no name, ID number, phone or free text, a stable keyed
// pseudonym per patient, every date of a patient shifted back by the same 0–364 days).

const study = (() => {
  const opts = [0, 1, 2].map((v) => ({ value: String(v), label: `程度${v}`, labelEn: `level ${v}`, score: v }));
  const r = parseQuestionnaire({
    id: 'study',
    version: 1,
    title: '术后随访研究',
    titleEn: 'Post-op study',
    items: [
      { id: 'pain', type: 'single', text: '疼痛', textEn: 'Pain', required: true, options: opts },
      { id: 'visit', type: 'date', text: '复诊日期', textEn: 'Visit date' },
      { id: 'note', type: 'text', text: '备注', textEn: 'Note' },
    ],
    scores: [{ id: 'total', label: '总分', labelEn: 'Total', sum: ['pain'] }],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.def;
})();

describe.each(STORE_KINDS)('research exports on %s', (kind) => {
  let t: TestStore;
  let w: ExportWorld;
  let svc: ReturnType<typeof exportService>;
  const answered = new Map<number, string[]>(); // patient → completed_at of each response

  const run = async (user: User, format: 'xlsx' | 'csv' | 'fhir', params: Record<string, unknown>) => {
    const { exportId, done } = await svc.start(user, {
      kind: 'research',
      format,
      params: { questionnaireId: 'study', from: '2026-11-01', to: '2026-12-31', ...params },
    });
    expect((await done).status).toBe('done');
    const ext = format === 'fhir' ? 'json' : format;
    return path.join(exportsDir(w.dataDir), `export-${exportId}.${ext}`);
  };
  const sheet = async (file: string) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    return (wb.getWorksheet('明细')!.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));
  };

  beforeAll(async () => {
    t = await createTestStore(kind);
    w = await exportWorld(t, 8);
    svc = exportService({
      knex: w.app.store.knex,
      clock: w.app.clock,
      dataDir: w.dataDir,
      events: w.app.events,
      jobs: w.app.jobs,
      library: libraryOf([study]),
    });
    const { knex } = w.app.store;
    // Two done tasks per enrolment (answered on different days), cloned from a generated one.
    const { id: _id, ...template } = await knex('tasks').orderBy('id').first();
    for (const e of await knex('enrolments').orderBy('id').select('id', 'patient_id')) {
      const enc = await knex('encounters').where({ patient_id: e.patient_id }).first('dept_id');
      for (const point of [90, 91])
        await knex('tasks').insert({ ...template, enrolment_id: e.id, patient_id: e.patient_id, dept_id: enc.dept_id, point_index: point, status: 'done' });
    }
    const tasks = await knex('tasks').where('point_index', '>=', 90).orderBy('id').select('id', 'patient_id');
    let n = 0;
    for (const task of tasks) {
      const pid = Number(task.patient_id);
      const done = answered.get(pid) ?? [];
      if (done.length >= 2) continue;
      const completedAt = `2026-11-${String(20 + done.length * 5).padStart(2, '0')} 1${n % 10}:00:00`;
      await w.app.store.knex('responses').insert({
        task_id: task.id,
        patient_id: pid,
        questionnaire_id: 'study',
        questionnaire_version: 1,
        answers: JSON.stringify({ pain: String(n % 3), visit: '2026-12-15', note: `患者${pid}说伤口有点痒` }),
        scores: JSON.stringify([{ id: 'total', value: n % 3 }]),
        draft: 0,
        version: 1,
        client_seq: 0,
        updated_at: completedAt,
        completed_at: completedAt,
      });
      answered.set(pid, [...done, completedAt]);
      n += 1;
    }
    // A draft is not a response yet.
    const [draftTask] = await knex('tasks').where('point_index', '<', 90).pluck('id');
    await knex('responses').insert({
      task_id: draftTask,
      patient_id: tasks[0].patient_id,
      questionnaire_id: 'study',
      questionnaire_version: 1,
      answers: '{}',
      draft: 1,
      version: 1,
      client_seq: 0,
      updated_at: '2026-11-21 10:00:00',
    });
    expect(n).toBe(16);
  });
  afterAll(async () => {
    await w?.close();
    await t?.drop();
  });

  it('has one row per response with codes, labels, scores and masked identifiers for a head', async () => {
    const rows = await sheet(await run(w.users.head, 'xlsx', {}));
    expect(rows[0]).toEqual([
      '应答编号',
      '患者编号',
      '姓名',
      '身份证号',
      '联系电话',
      '性别',
      '年龄',
      '科室',
      '随访计划',
      '随访点',
      '完成时间',
      '问卷版本',
      'pain（编码）',
      'pain 疼痛',
      'visit 复诊日期',
      'note 备注',
      'total 总分',
    ]);
    const cardioResponses = await w.app.store
      .knex('responses as r')
      .join('tasks as t', 't.id', 'r.task_id')
      .where('t.dept_id', w.depts.cardio)
      .where('r.draft', 0)
      .count({ n: '*' });
    expect(rows.length - 1).toBe(Number(cardioResponses[0].n));
    const first = rows[1];
    expect(first[7]).toBe('心内科');
    expect(String(first[3])).toMatch(/^110101\*{8}\d{4}$/);
    expect(String(first[4])).toMatch(/^139\*{4}\d{4}$/);
    expect(first[13]).toBe(`程度${first[12]}`);
    expect(first[16]).toBe(Number(first[12]));
    await expect(
      svc.start(w.users.nurse1, { kind: 'research', format: 'xlsx', params: { questionnaireId: 'study', from: '2026-11-01', to: '2026-11-30' } }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('de-identifies: no names, ID numbers, phones or free text; stable pseudonyms; one date shift per patient', async () => {
    const file = await run(w.users.admin, 'xlsx', { deidentify: true });
    const text = JSON.stringify(await sheet(file));
    expect(text).not.toMatch(/患者\d|110101|1390000|伤口/);
    const rows = await sheet(file);
    expect(rows[0]).toEqual([
      '患者代码',
      '性别',
      '年龄',
      '科室',
      '随访计划',
      '随访点',
      '完成时间',
      '问卷版本',
      'pain（编码）',
      'pain 疼痛',
      'visit 复诊日期',
      'total 总分',
    ]);
    const again = await sheet(await run(w.users.admin, 'xlsx', { deidentify: true }));
    expect(again.map((r) => r[0])).toEqual(rows.map((r) => r[0]));
    const key = Buffer.from((await w.app.store.knex('install_secrets').where({ name: 'deidentify' }).first()).value, 'hex');
    const byCode = new Map<string, unknown[][]>();
    for (const r of rows.slice(1)) byCode.set(String(r[0]), [...(byCode.get(String(r[0])) ?? []), r]);
    expect(byCode.size).toBe(answered.size);
    for (const [pid, times] of answered) {
      const code = pseudonym(key, pid);
      const mine = byCode.get(code)!;
      expect(mine).toHaveLength(times.length);
      const days = shiftDaysOf(key, pid);
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThan(365);
      const shifted = mine.map((r) => (r[6] as Date).toISOString().slice(0, 19).replace('T', ' ')).sort();
      expect(shifted).toEqual(times.map((x) => shiftBack(x, days)).sort());
      // The answer's date moves with the patient's other dates.
      expect(mine.every((r) => (r[10] as Date).toISOString().slice(0, 10) === shiftBack('2026-12-15', days))).toBe(true);
    }
    expect(new Set([...answered.keys()].map((pid) => shiftDaysOf(key, pid))).size).toBeGreaterThan(1);
  });

  it('writes the same as CSV and as a FHIR R4 bundle of QuestionnaireResponses', async () => {
    const csv = parseCsv(fs.readFileSync(await run(w.users.admin, 'csv', { deidentify: true }), 'utf8'));
    expect(csv[0][0]).toBe('患者代码');
    expect(csv.length - 1).toBe([...answered.values()].flat().length);
    const bundle = JSON.parse(fs.readFileSync(await run(w.users.admin, 'fhir', {}), 'utf8'));
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry).toHaveLength(csv.length - 1);
    const qr = bundle.entry[0].resource;
    expect(checkFhirQuestionnaireResponse(qr)).toEqual([]);
    expect(qr.subject.reference).toMatch(/^Patient\/\d+$/);
    expect(qr.item.map((i: { linkId: string }) => i.linkId)).toEqual(['pain', 'visit', 'note', 'total']);
    const deid = JSON.parse(fs.readFileSync(await run(w.users.admin, 'fhir', { deidentify: true }), 'utf8'));
    const text = JSON.stringify(deid);
    expect(text).not.toMatch(/伤口|Patient\/\d{1,6}"|response-\d/);
    expect(deid.entry[0].resource.item.map((i: { linkId: string }) => i.linkId)).toEqual(['pain', 'visit', 'total']);
  });
});
