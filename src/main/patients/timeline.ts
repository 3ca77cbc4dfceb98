import type { Knex } from 'knex';
import type { PatientHeader, PhoneInfo, Role, Timeline, TimelineEvent } from '../../shared/model';
import { canSeeFullIdNumber, canSeeFullPhone, maskIdNumber, maskPhone } from '../auth/permissions';
import { ApiError } from '../api/errors';
import { ageOn } from '../util/clock';
import type { QuestionnaireLibrary } from '../questionnaires/questionnaire-library';
import { knownQuestionnaires } from '../questionnaires/store-library';
import { timelineFollowups } from '../followup-history/past-results';
import { riskTiersOf } from './risk-tiers';
import { criticalValuesOfPatient } from '../critical-values/read';

async function header(knex: Knex, patientId: number, role: Role, today: string): Promise<PatientHeader> {
  const p = await knex('patients').where({ id: patientId }).first();
  if (!p) throw new ApiError('not_found', `patient ${patientId} not found`);
  const phones = await knex('phones')
    .where({ patient_id: patientId })
    .orderBy([{ column: 'role', order: 'desc' }, { column: 'success_count', order: 'desc' }, 'id']);
  const merged = await knex('patients').where({ merged_into_patient_id: patientId }).pluck('source_patient_id');
  const fullPhone = canSeeFullPhone(role);
  return {
    id: p.id,
    name: p.name,
    genderCode: p.gender_code,
    birthDate: p.birth_date,
    age: ageOn(p.birth_date, today),
    idNumber: canSeeFullIdNumber(role) ? p.id_number : maskIdNumber(p.id_number),
    idNumberValid: !!p.id_number_valid,
    idNumberProblem: p.id_number_problem ?? null,
    address: p.address,
    deceased: !!p.deceased,
    mergedFrom: merged,
    phones: phones.map((ph: Record<string, unknown>): PhoneInfo => ({
      number: (fullPhone ? ph.number : maskPhone(ph.number as string)) as string,
      kind: ph.kind as PhoneInfo['kind'],
      role: ph.role as PhoneInfo['role'],
      contactName: (ph.contact_name as string) ?? null,
      relation: (ph.relation as string) ?? null,
      successCount: Number(ph.success_count),
      failCount: Number(ph.fail_count),
    })),
  };
}

/** One patient's stays, visits and checkups, newest first, with diagnoses and findings; then closed follow-ups. */
export async function patientTimeline(
  knex: Knex,
  patientId: number,
  role: Role,
  today: string,
  lib: QuestionnaireLibrary = knownQuestionnaires(knex),
): Promise<Timeline> {
  const patient = await header(knex, patientId, role, today);
  const encounters = await knex('encounters as e')
    .leftJoin('departments as d', 'd.id', 'e.dept_id')
    .where('e.patient_id', patientId)
    .select('e.*', 'd.name as dept_name')
    .orderBy([
      { column: 'e.event_date', order: 'desc' },
      { column: 'e.id', order: 'desc' },
    ]);
  const ids = encounters.map((e: { id: number }) => e.id);
  const diagnoses = ids.length ? await knex('diagnoses').whereIn('encounter_id', ids).orderBy(['encounter_id', 'seq_no']) : [];
  const findings = ids.length ? await knex('checkup_findings').whereIn('encounter_id', ids).orderBy(['encounter_id', 'seq_no']) : [];
  const tiers = await riskTiersOf(knex, patientId);
  const critical = await criticalValuesOfPatient(knex, patientId);
  const events = encounters.map((e: Record<string, unknown>): TimelineEvent => {
    const dx = diagnoses.filter((d: { encounter_id: number }) => d.encounter_id === e.id);
    return {
      encounterId: Number(e.id),
      kind: e.kind as TimelineEvent['kind'],
      date: e.event_date as string,
      admitDate: (e.admit_date as string) ?? null,
      deptName: (e.dept_name as string) ?? null,
      encounterNo: (e.encounter_no as string) ?? null,
      doctorName: (e.doctor_name as string) ?? null,
      status: e.status as string,
      dischargeModeCode: (e.discharge_mode_code as string) ?? null,
      packageName: (e.package_name as string) ?? null,
      summary: (e.summary as string) ?? null,
      diagnoses: dx.length
        ? dx.map((d: Record<string, unknown>) => ({ code: d.code_raw as string, name: d.name as string, isPrimary: !!d.is_primary, role: d.role as string }))
        : e.main_diag_code || e.main_diag_name
          ? [{ code: (e.main_diag_code as string) ?? '', name: (e.main_diag_name as string) ?? '', isPrimary: true, role: 'outpatient' }]
          : [],
      findings: findings
        .filter((f: { encounter_id: number }) => f.encounter_id === e.id)
        .map((f: Record<string, unknown>) => ({
          item: f.item_name as string,
          value: (f.result_value as string) ?? null,
          unit: (f.unit as string) ?? null,
          referenceRange: (f.reference_range as string) ?? null,
          abnormalFlag: (f.abnormal_flag as string) ?? null,
          critical: !!f.is_critical,
        })),
      ...(e.kind === 'checkup' && tiers.has(Number(e.id)) ? { riskTiers: tiers.get(Number(e.id)) } : {}),
      ...(critical.has(Number(e.id)) ? { criticalValue: critical.get(Number(e.id)) } : {}),
    };
  });
  return { patient, events, followups: await timelineFollowups(knex, lib, patientId) };
}
