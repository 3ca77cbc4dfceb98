import type { Knex } from 'knex';
import type { User } from '../../src/shared/model';
import type { PlanDefinitionInput } from '../../src/shared/plans/schema';
import { planDefinitionSchema } from '../../src/shared/plans/schema';
import { activatePlan, savePlan } from '../../src/main/plans/repo';
import type { Clock } from '../../src/main/util/clock';
import { parseQuestionnaire } from '../../src/shared/questionnaire/parse';
import { libraryOf } from '../../src/main/questionnaires/questionnaire-library';

const STAMP = '2026-01-01 00:00:00';

export async function makeUsers(knex: Knex, n: number, role: User['role'] = 'nurse', prefix = 'nurse'): Promise<User[]> {
  const users: User[] = [];
  for (let i = 1; i <= n; i++) {
    const [row] = await knex('users')
      .insert({ username: `${prefix}${i}`, display_name: `护士${i}`, role, password_hash: 'x', active: 1, created_at: STAMP })
      .returning('id');
    users.push({ id: Number(row.id ?? row), username: `${prefix}${i}`, displayName: `护士${i}`, role });
  }
  return users;
}

let seq = 0;
export async function makeDept(knex: Knex, name: string): Promise<number> {
  const [row] = await knex('departments')
    .insert({ source_system: 'test', source_code: `D${++seq}`, name, name_pinyin: name, active: 1, updated_at: STAMP })
    .returning('id');
  return Number(row.id ?? row);
}

export async function makePatient(knex: Knex, p: { name: string; birthDate?: string; phones?: string[] }): Promise<number> {
  const [row] = await knex('patients')
    .insert({
      source_system: 'test',
      source_patient_id: `P${++seq}`,
      name: p.name,
      name_initials: 'x',
      name_pinyin: 'x',
      gender_code: '1',
      birth_date: p.birthDate ?? '1960-05-01',
      row_hash: 'x',
      first_seen_at: STAMP,
      last_synced_at: STAMP,
    })
    .returning('id');
  const id = Number(row.id ?? row);
  for (const [i, number] of (p.phones ?? []).entries())
    await knex('phones').insert({ patient_id: id, number, kind: 'mobile', role: i === 0 ? 'self' : 'contact', success_count: 0, fail_count: 0 });
  return id;
}

export async function makeEncounter(
  knex: Knex,
  e: {
    patientId: number;
    kind: 'inpatient' | 'outpatient' | 'checkup';
    date: string;
    deptId?: number;
    diag?: string;
    admitDate?: string;
    status?: string;
    critical?: number;
    dischargeMode?: string;
    firstSeenAt?: string;
  },
): Promise<number> {
  const [row] = await knex('encounters')
    .insert({
      source_system: 'test',
      kind: e.kind,
      source_id: `E${++seq}`,
      patient_id: e.patientId,
      encounter_no: `N${seq}`,
      dept_id: e.deptId ?? null,
      admit_date: e.admitDate ?? (e.kind === 'inpatient' ? e.date : null),
      event_date: e.date,
      main_diag_code: e.diag ?? null,
      main_diag_category: e.diag?.slice(0, 3) ?? null,
      main_diag_name: e.diag ? `诊断${e.diag}` : null,
      discharge_mode_code: e.dischargeMode ?? (e.kind === 'inpatient' ? '1' : null),
      critical_count: e.critical ?? 0,
      abnormal_count: 0,
      status: e.status ?? (e.kind === 'inpatient' ? 'discharged' : e.kind === 'checkup' ? 'completed' : 'visited'),
      row_hash: 'x',
      first_seen_at: e.firstSeenAt ?? STAMP,
      last_synced_at: STAMP,
    })
    .returning('id');
  if (e.diag)
    await knex('diagnosis_dict')
      .insert({ code_raw: e.diag, code_category: e.diag.slice(0, 3), name: `诊断${e.diag}` })
      .onConflict('code_raw')
      .ignore();
  return Number(row.id ?? row);
}

export function planDef(over: Partial<PlanDefinitionInput> = {}): PlanDefinitionInput {
  return {
    code: 'post-discharge',
    name: '出院随访',
    enrolment: { rules: [{ id: 'all-inpatients', encounterKind: 'inpatient' }], lookbackDays: 60 },
    tracks: [
      {
        id: 'post',
        name: '出院后',
        anchor: 'discharge',
        questionnaire: { id: 'mood' },
        points: [
          { at: { days: 7 }, label: '第7天' },
          { at: { days: 30 }, label: '第30天' },
        ],
      },
    ],
    ...over,
  };
}

export async function livePlan(knex: Knex, clock: Clock, def: PlanDefinitionInput): Promise<{ planId: number; version: number }> {
  const parsed = planDefinitionSchema.parse(def);
  const { planId, version } = await savePlan(knex, clock, 'test', parsed);
  await activatePlan(knex, clock, planId, version);
  return { planId, version };
}

/** A small questionnaire: item 9 > 0 fires an escalating red trigger (as PHQ-9 item 9 does). */
export const moodQuestionnaire = () => {
  const opts = [0, 1, 2, 3].map((v) => ({ value: String(v), label: `选项${v}`, labelEn: `option ${v}`, score: v }));
  const r = parseQuestionnaire({
    id: 'mood',
    version: 1,
    title: '情绪',
    titleEn: 'Mood',
    items: [
      { id: 'q1', type: 'single', text: '情绪低落', textEn: 'Low mood', required: true, options: opts },
      { id: 'q9', type: 'single', text: '自伤念头', textEn: 'Self-harm thoughts', required: true, options: opts },
    ],
    scores: [{ id: 'total', label: '总分', labelEn: 'Total', sum: ['q1', 'q9'] }],
    triggers: [{ id: 'selfharm', when: { item: 'q9', op: 'gt', value: 0 }, color: 'red', message: '自伤风险', messageEn: 'Self-harm risk', escalate: true }],
  });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return libraryOf([r.def]);
};
