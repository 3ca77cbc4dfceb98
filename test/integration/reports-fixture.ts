import type { Knex } from 'knex';

// A small store, written straight into the follow-up tables, whose figures are computed by hand
// in reports-metrics.test.ts. Today is 2026-11-20 (the tests pin the clock there).
//
// Departments: A 心内科 (renamed from 心血管内科; keeps its id), B 呼吸科, C 肿瘤科.
// November, dept A: T1 done in window (2 dials), T2 done late (1 dial, escalation closed in time),
//   T3 unreachable after 3 dials → plan stopped as lost, T4 cancelled by death (excluded),
//   T5 a callback (excluded from due; its dial counts), T9 an escalation task (excluded).
// November, dept B: T6 pending past its window (overdue; the patient was transferred from A to B,
//   the enrolment names B), T7 claimed (1 busy dial), T8 refused (1 dial).
// November, dept C: T10 satisfied by a hospital visit (no dial).
// October, dept A: T11 done (1 dial).

const STAMP = '2026-09-01 00:00:00';
export const TODAY = '2026-11-20 10:00:00';

/** A valid stored definition (drill rows read the English names from it); the tasks below name its track. */
const PLAN = {
  code: 'p',
  name: '出院随访',
  nameEn: 'Discharge follow-up',
  enrolment: { rules: [{ id: 'all', label: '出院患者', encounterKind: 'inpatient' }] },
  tracks: [{ id: 'post', name: '出院后', nameEn: 'After discharge', anchor: 'discharge', points: [{ at: { days: 7 }, label: '点1', labelEn: 'Point 1' }] }],
};

export interface Fixture {
  depts: { A: number; B: number; C: number };
  users: { n1: number; n2: number; head1: number; head2: number; head3: number; headless: number; admin: number };
  tasks: Record<string, number>;
}

const idOf = (row: unknown): number => Number((row as { id?: number }).id ?? row);

async function insert(knex: Knex, table: string, row: Record<string, unknown>): Promise<number> {
  const [r] = await knex(table).insert(row).returning('id');
  return idOf(r);
}

export async function buildFixture(knex: Knex): Promise<Fixture> {
  const dept = (code: string, name: string) =>
    insert(knex, 'departments', { source_system: 't', source_code: code, name, name_pinyin: name, active: 1, updated_at: STAMP });
  const A = await dept('A', '心血管内科');
  const B = await dept('B', '呼吸科');
  const C = await dept('C', '肿瘤科');
  const user = (username: string, role: string) =>
    insert(knex, 'users', { username, display_name: `用户${username}`, role, password_hash: 'x', active: 1, created_at: STAMP });
  const users = {
    n1: await user('n1', 'nurse'),
    n2: await user('n2', 'nurse'),
    head1: await user('head1', 'head'),
    head2: await user('head2', 'head'),
    head3: await user('head3', 'head'),
    headless: await user('headless', 'head'),
    admin: await user('admin', 'admin'),
  };
  await knex('user_departments').insert([
    { user_id: users.head1, dept_id: A },
    { user_id: users.head1, dept_id: B },
    { user_id: users.head2, dept_id: C },
    { user_id: users.head3, dept_id: A },
  ]);
  const planId = await insert(knex, 'plans', { code: 'p', name: '出院随访', created_at: STAMP, updated_at: STAMP });
  const pv = await insert(knex, 'plan_versions', { plan_id: planId, version: 1, status: 'active', definition: JSON.stringify(PLAN), created_at: STAMP });

  let seq = 0;
  const patient = (name: string, extra: Record<string, unknown> = {}) =>
    insert(knex, 'patients', {
      source_system: 't',
      source_patient_id: `P${++seq}`,
      name,
      name_initials: 'x',
      name_pinyin: 'x',
      gender_code: '1',
      id_number: '110101196001011234',
      row_hash: 'x',
      first_seen_at: STAMP,
      last_synced_at: STAMP,
      ...extra,
    });
  const encounter = (patientId: number, kind: string, date: string, deptId: number | null, extra: Record<string, unknown> = {}) =>
    insert(knex, 'encounters', {
      source_system: 't',
      kind,
      source_id: `E${++seq}`,
      patient_id: patientId,
      dept_id: deptId,
      event_date: date,
      status: kind === 'inpatient' ? 'discharged' : 'visited',
      row_hash: 'x',
      first_seen_at: STAMP,
      last_synced_at: STAMP,
      ...extra,
    });
  const enrol = (patientId: number, deptId: number, anchorId: number, extra: Record<string, unknown> = {}) =>
    insert(knex, 'enrolments', {
      plan_id: planId,
      plan_version_id: pv,
      patient_id: patientId,
      anchor_encounter_id: anchorId,
      anchor_date: '2026-09-20',
      dept_id: deptId,
      status: 'active',
      matched_rule: 'r',
      enrolled_at: STAMP,
      ...extra,
    });
  let point = 0;
  const task = (t: { en: number; patientId: number; deptId: number; due: string; ws: string; we: string; status: string } & Record<string, unknown>) => {
    const { en, patientId, deptId, due, ws, we, ...rest } = t;
    return insert(knex, 'tasks', {
      kind: 'followup',
      enrolment_id: en,
      plan_id: planId,
      plan_version_id: pv,
      patient_id: patientId,
      dept_id: deptId,
      track_id: 'post',
      point_index: ++point,
      point_label: `点${point}`,
      due_date: due,
      window_start: ws,
      window_end: we,
      channel: 'call',
      questionnaire_id: 'discharge-satisfaction',
      questionnaire_version: 1,
      priority: 1,
      critical: 0,
      available_at: `${ws} 08:00:00`,
      retry_count: 0,
      created_at: STAMP,
      updated_at: STAMP,
      ...rest,
    });
  };
  const attempt = (taskId: number, patientId: number, nurse: number, outcome: string, start: string, end: string | null = null) =>
    insert(knex, 'attempts', {
      task_id: taskId,
      patient_id: patientId,
      phone_number: '13800000000',
      outcome,
      started_at: start,
      ended_at: end,
      nurse_id: nurse,
    });
  const response = (taskId: number, patientId: number, sat: string, band: string) =>
    insert(knex, 'responses', {
      task_id: taskId,
      patient_id: patientId,
      questionnaire_id: 'discharge-satisfaction',
      questionnaire_version: 1,
      answers: JSON.stringify({ sat_overall: sat }),
      scores: JSON.stringify([{ id: 'satisfaction_total', band: { label: band } }]),
      triggers: '[]',
      draft: 0,
      updated_at: STAMP,
      completed_at: STAMP,
    });

  const p1 = await patient('甲一'),
    p2 = await patient('乙二'),
    p3 = await patient('丙三', { lost_to_followup: 1 });
  const p4 = await patient('丁四', { deceased: 1, death_date: '2026-11-08', vital_status: 'deceased' });
  const p5 = await patient('戊五'),
    p6 = await patient('己六'),
    p7 = await patient('庚七');
  const e1 = await enrol(p1, A, await encounter(p1, 'inpatient', '2026-09-20', A, { main_diag_code: 'I21.0', main_diag_category: 'I21' }));
  // Enrolled mid-period (3 November): its first point is due on the 9th.
  const e2 = await enrol(p2, A, await encounter(p2, 'inpatient', '2026-11-02', A, { main_diag_code: 'I50.9', main_diag_category: 'I50' }), {
    enrolled_at: '2026-11-03 02:00:00',
  });
  const e3 = await enrol(p3, A, await encounter(p3, 'inpatient', '2026-10-01', A, { main_diag_code: 'I21.4', main_diag_category: 'I21' }), {
    status: 'stopped',
    stop_reason: 'lost',
    stopped_at: '2026-11-13 16:00:00',
  });
  const e4 = await enrol(p4, A, await encounter(p4, 'inpatient', '2026-10-01', A), {
    status: 'stopped',
    stop_reason: 'deceased',
    stopped_at: '2026-11-08 09:00:00',
  });
  // Admitted to A, transferred to and discharged from B; the enrolment names B.
  const e5 = await enrol(p5, B, await encounter(p5, 'inpatient', '2026-10-20', B, { admit_dept_id: A, main_diag_code: 'J18.9', main_diag_category: 'J18' }));
  const e6 = await enrol(p6, B, await encounter(p6, 'outpatient', '2026-10-25', B, { main_diag_code: 'J44.1', main_diag_category: 'J44' }), {
    status: 'stopped',
    stop_reason: 'refused',
    stopped_at: '2026-11-03 10:05:00',
  });
  const e7 = await enrol(p7, C, await encounter(p7, 'inpatient', '2026-10-28', C, { main_diag_code: 'C34.1', main_diag_category: 'C34' }));
  const { n1, n2 } = users;

  const T1 = await task({
    en: e1,
    patientId: p1,
    deptId: A,
    due: '2026-11-05',
    ws: '2026-11-02',
    we: '2026-11-08',
    status: 'done',
    disposition: 'completed',
    completed_at: '2026-11-06 10:15:00',
    completed_by: n1,
    colour: 'green',
  });
  await attempt(T1, p1, n1, 'no_answer', '2026-11-06 09:00:00', '2026-11-06 09:01:00');
  await attempt(T1, p1, n1, 'connected', '2026-11-06 10:00:00', '2026-11-06 10:10:00');
  await response(T1, p1, '5', '满意');
  const T2 = await task({
    en: e2,
    patientId: p2,
    deptId: A,
    due: '2026-11-09',
    ws: '2026-11-06',
    we: '2026-11-12',
    status: 'done',
    disposition: 'completed',
    completed_at: '2026-11-14 09:10:00',
    completed_by: n2,
    colour: 'yellow',
  });
  await attempt(T2, p2, n2, 'connected', '2026-11-14 09:00:00', '2026-11-14 09:06:00');
  await response(T2, p2, '3', '基本满意');
  const T3 = await task({
    en: e3,
    patientId: p3,
    deptId: A,
    due: '2026-11-10',
    ws: '2026-11-07',
    we: '2026-11-13',
    status: 'unreachable',
    disposition: 'no_contact',
    completed_at: '2026-11-13 16:00:00',
    completed_by: n1,
    retry_count: 3,
  });
  for (const day of ['11', '12', '13']) await attempt(T3, p3, n1, 'no_answer', `2026-11-${day} 15:00:00`, `2026-11-${day} 15:01:00`);
  const T4 = await task({
    en: e4,
    patientId: p4,
    deptId: A,
    due: '2026-11-12',
    ws: '2026-11-09',
    we: '2026-11-15',
    status: 'cancelled',
    disposition: 'stopped:deceased',
    completed_at: '2026-11-08 09:00:00',
  });
  const T5 = await task({
    en: e1,
    patientId: p1,
    deptId: A,
    due: '2026-11-06',
    ws: '2026-11-06',
    we: '2026-11-06',
    status: 'done',
    disposition: 'completed',
    completed_at: '2026-11-06 11:05:00',
    completed_by: n1,
    kind: 'callback',
    track_id: 'missed_call',
    questionnaire_id: null,
    questionnaire_version: null,
  });
  await attempt(T5, p1, n1, 'connected', '2026-11-06 11:00:00', '2026-11-06 11:04:00');
  const T9 = await task({
    en: e2,
    patientId: p2,
    deptId: A,
    due: '2026-11-14',
    ws: '2026-11-14',
    we: '2026-11-15',
    status: 'pending',
    kind: 'escalation',
    questionnaire_id: null,
    questionnaire_version: null,
    colour: 'red',
    priority: 0,
  });
  await knex('escalations').insert({
    task_id: T2,
    escalation_task_id: T9,
    patient_id: p2,
    dept_id: A,
    triggers: '[]',
    note: 'n',
    status: 'closed',
    due_at: '2026-11-15 09:00:00',
    created_by: n2,
    created_at: '2026-11-14 09:10:00',
    closed_at: '2026-11-14 15:00:00',
    closed_by: n1,
  });
  // Return visits: T1's attended (outpatient visit 2 days after the booked date), T1's cancelled one
  // ignored, T2's not yet due (its 7-day window is still open on the 20th).
  await knex('appointments').insert([
    { patient_id: p1, task_id: T1, dept_id: A, date: '2026-11-10', status: 'booked', created_by: n1, created_at: '2026-11-06 10:12:00' },
    { patient_id: p1, task_id: T1, dept_id: A, date: '2026-11-11', status: 'cancelled', created_by: n1, created_at: '2026-11-06 10:12:00' },
    { patient_id: p2, task_id: T2, dept_id: A, date: '2026-11-15', status: 'booked', created_by: n2, created_at: '2026-11-14 09:08:00' },
  ]);
  await encounter(p1, 'outpatient', '2026-11-12', A);
  // SMS: T1's delivered and answered next morning, T2's undelivered, T3's only logged (no provider).
  const sms = (row: Record<string, unknown>) => knex('messages').insert({ provider: 'twilio', body: 'x', created_at: STAMP, updated_at: STAMP, ...row });
  await sms({ direction: 'outbound', patient_id: p1, phone: '+8613800000001', status: 'delivered', about_task_id: T1, created_at: '2026-11-06 10:20:00' });
  await sms({ direction: 'inbound', patient_id: p1, phone: '+8613800000001', status: 'received', created_at: '2026-11-07 08:00:00' });
  await sms({ direction: 'outbound', patient_id: p2, phone: '+8613800000002', status: 'undelivered', about_task_id: T2, created_at: '2026-11-14 09:20:00' });
  await sms({
    direction: 'outbound',
    patient_id: p3,
    phone: '+8613800000003',
    status: 'logged',
    provider: 'log',
    about_task_id: T3,
    created_at: '2026-11-11 09:20:00',
  });

  const T6 = await task({
    en: e5,
    patientId: p5,
    deptId: B,
    due: '2026-11-15',
    ws: '2026-11-12',
    we: '2026-11-18',
    status: 'pending',
    questionnaire_id: null,
    questionnaire_version: null,
  });
  const T7 = await task({
    en: e6,
    patientId: p6,
    deptId: B,
    due: '2026-11-20',
    ws: '2026-11-17',
    we: '2026-11-23',
    status: 'claimed',
    assignee_id: n2,
    questionnaire_id: null,
    questionnaire_version: null,
  });
  await attempt(T7, p6, n2, 'busy', '2026-11-19 10:00:00', '2026-11-19 10:00:30');
  const T8 = await task({
    en: e6,
    patientId: p6,
    deptId: B,
    due: '2026-11-03',
    ws: '2026-10-31',
    we: '2026-11-06',
    status: 'done',
    disposition: 'refused',
    completed_at: '2026-11-03 10:05:00',
    completed_by: n2,
    questionnaire_id: null,
    questionnaire_version: null,
  });
  await attempt(T8, p6, n2, 'connected', '2026-11-03 10:00:00', '2026-11-03 10:02:00');
  const T10 = await task({
    en: e7,
    patientId: p7,
    deptId: C,
    due: '2026-11-08',
    ws: '2026-11-05',
    we: '2026-11-11',
    status: 'satisfied',
    completed_at: '2026-11-08 02:00:00',
    satisfied_reason: 'visit',
    questionnaire_id: null,
    questionnaire_version: null,
  });
  const T11 = await task({
    en: e1,
    patientId: p1,
    deptId: A,
    due: '2026-10-05',
    ws: '2026-10-02',
    we: '2026-10-08',
    status: 'done',
    disposition: 'completed',
    completed_at: '2026-10-05 10:10:00',
    completed_by: n1,
    questionnaire_id: null,
    questionnaire_version: null,
  });
  await attempt(T11, p1, n1, 'connected', '2026-10-05 10:00:00', '2026-10-05 10:05:00');

  // 心血管内科 is renamed 心内科 after all of this: same id, the old name kept as an alias.
  await knex('departments').where({ id: A }).update({ name: '心内科' });
  await knex('department_aliases').insert({ department_id: A, name: '心血管内科' });
  return { depts: { A, B, C }, users, tasks: { T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11 } };
}
