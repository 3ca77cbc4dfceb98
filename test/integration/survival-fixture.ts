import type { Knex } from 'knex';
import { addDays } from '../../src/shared/plans/schedule';
import { makeDept, makeEncounter, makePatient, makeUsers } from '../helpers/followup';

/**
 * Nine patients enrolled in two plans of two departments, with day 0 = 2025-01-01: each has a
 * diagnosing outpatient visit on day 0 and a stay admitted day 10, discharged day 20 (the first
 * discharge). What follows (days):
 *
 *   lung, 胸外科 (plan 肺癌随访, C34.1)          colon, 肿瘤科 (plan 结直肠癌随访, C18.9)
 *   a1 died 100 (nurse: deceased, told day 102)    b1 died 50 (nurse: deceased, told day 51)
 *   a2 call answered day 200                       b2 outpatient visit day 150
 *   a3 died in hospital day 300 (离院方式 5)        b3 died 650 (after the cut-off, day 545)
 *   a4 follow-up completed day 600                 b4 nothing after the stay
 *   a5 died 400 (nurse: deceased)
 *   a6 deceased, date unknown
 *
 * Treatment started on day 30 for a1–a4, b1 and b2; a5, a6, b3 and b4 have no treatment start.
 */
export const DAY0 = '2025-01-01';
export const CUT_OFF = '2026-06-30'; // day 545
export const day = (n: number) => addDays(DAY0, n);

interface Spec {
  key: string;
  plan: 'lung' | 'colon';
  treatment?: boolean;
  deceased?: { day: number; toldOn: number } | 'no date';
  diedInHospital?: number;
  call?: number;
  completed?: number;
  visit?: number;
}
const SPECS: Spec[] = [
  { key: 'a1', plan: 'lung', treatment: true, deceased: { day: 100, toldOn: 102 } },
  { key: 'a2', plan: 'lung', treatment: true, call: 200 },
  { key: 'a3', plan: 'lung', treatment: true, diedInHospital: 300 },
  { key: 'a4', plan: 'lung', treatment: true, completed: 600 },
  { key: 'a5', plan: 'lung', deceased: { day: 400, toldOn: 401 } },
  { key: 'a6', plan: 'lung', deceased: 'no date' },
  { key: 'b1', plan: 'colon', treatment: true, deceased: { day: 50, toldOn: 51 } },
  { key: 'b2', plan: 'colon', treatment: true, visit: 150 },
  { key: 'b3', plan: 'colon', deceased: { day: 650, toldOn: 652 } },
  { key: 'b4', plan: 'colon' },
];

const STAMP = '2025-01-01 00:00:00';
const stamp = (n: number) => `${day(n)} 10:00:00`;

export interface SurvivalFixture {
  depts: { lung: number; colon: number };
  plans: { lung: number; colon: number };
  headOfLung: { id: number; username: string; displayName: string; role: 'head' };
}

async function makePlan(knex: Knex, code: string, name: string): Promise<{ planId: number; versionId: number }> {
  const [p] = await knex('plans').insert({ code, name, created_at: STAMP, updated_at: STAMP }).returning('id');
  const planId = Number(p.id ?? p);
  const [v] = await knex('plan_versions').insert({ plan_id: planId, version: 1, status: 'active', definition: '{}', created_at: STAMP }).returning('id');
  return { planId, versionId: Number(v.id ?? v) };
}

export async function buildSurvivalFixture(knex: Knex): Promise<SurvivalFixture> {
  await knex('diagnosis_dict').insert([
    { code_raw: 'C34', code_category: 'C34', name: '支气管和肺恶性肿瘤' },
    { code_raw: 'C18', code_category: 'C18', name: '结肠恶性肿瘤' },
  ]);
  const depts = { lung: await makeDept(knex, '胸外科'), colon: await makeDept(knex, '肿瘤科') };
  const plans = { lung: await makePlan(knex, 'lung', '肺癌随访'), colon: await makePlan(knex, 'colon', '结直肠癌随访') };
  const diag = { lung: 'C34.1', colon: 'C18.9' };
  let point = 0;
  for (const s of SPECS) {
    const patientId = await makePatient(knex, { name: `患者${s.key}` });
    const deptId = depts[s.plan];
    await makeEncounter(knex, { patientId, kind: 'outpatient', date: day(0), deptId, diag: diag[s.plan] });
    const stay = await makeEncounter(knex, { patientId, kind: 'inpatient', admitDate: day(10), date: day(20), deptId, diag: diag[s.plan] });
    const [en] = await knex('enrolments')
      .insert({
        plan_id: plans[s.plan].planId,
        plan_version_id: plans[s.plan].versionId,
        patient_id: patientId,
        anchor_encounter_id: stay,
        anchor_date: day(20),
        treatment_start_date: s.treatment ? day(30) : null,
        dept_id: deptId,
        status: 'active',
        matched_rule: 'test',
        enrolled_at: stamp(21),
      })
      .returning('id');
    const enrolmentId = Number(en.id ?? en);
    const task = async (status: string, disposition: string | null, on: number) => {
      const [t] = await knex('tasks')
        .insert({
          kind: 'followup',
          enrolment_id: enrolmentId,
          plan_id: plans[s.plan].planId,
          plan_version_id: plans[s.plan].versionId,
          patient_id: patientId,
          dept_id: deptId,
          track_id: 'survival',
          point_index: ++point,
          due_date: day(on),
          window_start: day(on - 3),
          window_end: day(on + 3),
          channel: 'call',
          status,
          available_at: stamp(on - 3),
          disposition,
          completed_at: status === 'pending' ? null : stamp(on),
          created_at: stamp(21),
          updated_at: stamp(on),
        })
        .returning('id');
      return Number(t.id ?? t);
    };
    const answered = async (taskId: number, on: number) =>
      knex('attempts').insert({ task_id: taskId, patient_id: patientId, phone_number: '13800000000', outcome: 'connected', started_at: stamp(on) });

    if (s.deceased === 'no date') await knex('patients').where({ id: patientId }).update({ deceased: 1, vital_status: 'deceased' });
    else if (s.deceased) {
      // What followup.complete writes for a 'deceased' disposition: the family answered, the nurse recorded the date.
      const t = await task('done', 'deceased', s.deceased.toldOn);
      await answered(t, s.deceased.toldOn);
      await knex('patients')
        .where({ id: patientId })
        .update({ deceased: 1, vital_status: 'deceased', death_date: day(s.deceased.day), last_contact_date: day(s.deceased.toldOn) });
    }
    if (s.diedInHospital !== undefined) {
      // What the HIS sync writes for a stay ending with 离院方式 5.
      await makeEncounter(knex, {
        patientId,
        kind: 'inpatient',
        admitDate: day(s.diedInHospital - 10),
        date: day(s.diedInHospital),
        deptId,
        diag: diag[s.plan],
        dischargeMode: '5',
      });
      await knex('patients')
        .where({ id: patientId })
        .update({ deceased: 1, death_date: day(s.diedInHospital) });
    }
    if (s.call !== undefined) await answered(await task('pending', null, s.call + 30), s.call);
    if (s.completed !== undefined) await task('done', 'completed', s.completed);
    if (s.visit !== undefined) await makeEncounter(knex, { patientId, kind: 'outpatient', date: day(s.visit), deptId });
  }
  const [head] = await makeUsers(knex, 1, 'head', 'head');
  await knex('user_departments').insert({ user_id: head.id, dept_id: depts.lung });
  return {
    depts,
    plans: { lung: plans.lung.planId, colon: plans.colon.planId },
    headOfLung: { id: head.id, username: head.username, displayName: head.displayName, role: 'head' },
  };
}
