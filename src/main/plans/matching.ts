import type { Knex } from 'knex';
import type { EncounterKind } from '../../shared/model';
import { addDays } from '../../shared/plans/schedule';
import { DISCHARGED } from '../../shared/stay-status';
import type { EnrolmentRule, PlanDefinition } from '../../shared/plans/schema';
import { firstReversedRange } from '../../shared/diagnosis-terms';
import { resolveDiagnosisCodes } from '../diagnoses/diagnosis-filter';
import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import { ageOn } from '../util/clock';
import { activeVersions } from './definitions';

export interface Candidate {
  encounterId: number;
  patientId: number;
  name: string;
  kind: EncounterKind;
  eventDate: string;
  admitDate: string | null;
  deptId: number | null;
  deptName: string | null;
  diagCode: string | null;
  diagName: string | null;
  criticalCount: number;
  rule: EnrolmentRule;
}

const KIND_LABEL: Record<EncounterKind, string> = { inpatient: '出院', outpatient: '门诊', checkup: '体检' };

/** "结直肠癌术后 (crc-surgery): 出院 2026-06-20 · 胃肠外科 · C18.7 乙状结肠恶性肿瘤" — kept on the enrolment. */
export const describeMatch = (c: Candidate): string =>
  [
    `${c.rule.label ? `${c.rule.label} (${c.rule.id})` : c.rule.id}: ${KIND_LABEL[c.kind]} ${c.eventDate}`,
    c.deptName,
    [c.diagCode, c.diagName].filter(Boolean).join(' '),
  ]
    .filter(Boolean)
    .join(' · ')
    .slice(0, 512);

async function departmentIds(knex: Knex, names: string[]): Promise<{ ids: number[]; unknown: string[] }> {
  const direct = await knex('departments').whereIn('name', names).select('id', 'name');
  const aliases = await knex('department_aliases').whereIn('name', names).select('department_id as id', 'name');
  const found = [...direct, ...aliases];
  return {
    ids: [...new Set(found.map((r: { id: number }) => Number(r.id)))],
    unknown: names.filter((n) => !found.some((r: { name: string }) => r.name === n)),
  };
}

/** The window of encounter dates a plan looks at today. */
export function lookbackRange(def: PlanDefinition, today: string): { from: string; to: string } {
  let from = addDays(today, -def.enrolment.lookbackDays);
  if (def.enrolment.notBefore && def.enrolment.notBefore > from) from = def.enrolment.notBefore;
  return { from, to: today };
}

async function ruleCandidates(
  knex: Knex,
  rule: EnrolmentRule,
  range: { from: string; to: string },
  planId: number | null,
  warnings: string[],
  synonyms?: DiagnosisSynonyms,
): Promise<Candidate[]> {
  let q = knex('encounters as e')
    .join('patients as p', 'p.id', 'e.patient_id')
    .leftJoin('departments as d', 'd.id', 'e.dept_id')
    .where('e.kind', rule.encounterKind)
    .whereBetween('e.event_date', [range.from, range.to])
    .where('p.deceased', 0);
  if (rule.encounterKind === 'inpatient') q = q.where('e.status', DISCHARGED);
  else q = q.whereNotIn('e.status', ['cancelled', 'booked']);
  if (rule.departments.length) {
    const { ids, unknown } = await departmentIds(knex, rule.departments);
    for (const u of unknown) warnings.push(`规则 ${rule.id}: 未知科室 "${u}" (unknown department)`);
    if (!ids.length) return [];
    q = q.whereIn('e.dept_id', ids);
  }
  const terms = [...rule.icd10, ...rule.keywords];
  if (terms.length) {
    // A version saved before reversed ranges were refused: said, not thrown, so other plans still enrol.
    const reversed = firstReversedRange(terms);
    if (reversed) {
      warnings.push(`规则 ${rule.id}: ${reversed}`);
      return [];
    }
    // Keywords reach their synonyms' ICD-10 categories, as in the finder (肺癌 → C33-C34).
    const codes = await resolveDiagnosisCodes(knex, terms.join(' '), synonyms);
    if (!codes.length) {
      warnings.push(`规则 ${rule.id}: 诊断条件没有匹配的编码 (no diagnosis code matches ${terms.join(', ')})`);
      return [];
    }
    q = q.whereIn('e.main_diag_code', codes);
  }
  if (rule.dischargeModes.length) q = q.whereIn('e.discharge_mode_code', rule.dischargeModes);
  else if (rule.encounterKind === 'inpatient') q = q.where((w) => w.whereNull('e.discharge_mode_code').orWhereNot('e.discharge_mode_code', '5'));
  if (rule.critical) q = q.where('e.critical_count', '>', 0);
  if (rule.abnormal) q = q.where('e.abnormal_count', '>', 0);
  if (rule.riskTiers?.length) {
    const tiers = rule.riskTiers;
    const defined = new Set((await activeVersions(knex)).flatMap((p) => (p.definition.riskTiers ?? []).map((t) => t.code)));
    for (const u of tiers.filter((x) => !defined.has(x)))
      warnings.push(`规则 ${rule.id}: 没有在用的计划定义风险分层 "${u}" (no active plan defines risk tier "${u}")`);
    q = q.whereExists(knex('risk_assessments as ra').select(knex.raw('1')).whereRaw('ra.encounter_id = e.id').whereIn('ra.tier', tiers));
  }
  if (planId)
    q = q
      .whereNotExists(knex('enrolments as en').select(knex.raw('1')).where('en.plan_id', planId).whereRaw('en.anchor_encounter_id = e.id'))
      // A patient who refused this plan is not asked again at the next discharge.
      .whereNotExists(
        knex('enrolments as er')
          .select(knex.raw('1'))
          .whereRaw('er.patient_id = e.patient_id')
          .where({ 'er.status': 'stopped', 'er.plan_id': planId, 'er.stop_reason': 'refused' }),
      );
  const rows = await q.select(
    'e.id',
    'e.patient_id',
    'p.name',
    'p.birth_date',
    'e.kind',
    'e.event_date',
    'e.admit_date',
    'e.dept_id',
    'd.name as dept_name',
    'e.main_diag_code',
    'e.main_diag_name',
    'e.critical_count',
  );
  return rows
    .filter((r: Record<string, unknown>) => {
      if (rule.ageMin === undefined && rule.ageMax === undefined) return true;
      const age = ageOn(r.birth_date as string | null, r.event_date as string);
      return age !== null && age >= (rule.ageMin ?? 0) && age <= (rule.ageMax ?? 200);
    })
    .map((r: Record<string, unknown>): Candidate => ({
      encounterId: Number(r.id),
      patientId: Number(r.patient_id),
      name: r.name as string,
      kind: r.kind as EncounterKind,
      eventDate: r.event_date as string,
      admitDate: (r.admit_date as string) ?? null,
      deptId: r.dept_id == null ? null : Number(r.dept_id),
      deptName: (r.dept_name as string) ?? null,
      diagCode: (r.main_diag_code as string) ?? null,
      diagName: (r.main_diag_name as string) ?? null,
      criticalCount: Number(r.critical_count),
      rule,
    }));
}

/**
 * Encounters that would start an enrolment today: each encounter once (the first rule that
 * matches names it), not yet enrolled in this plan; with perPatient=once, one per patient (the
 * earliest) and none for a patient already actively enrolled.
 */
export async function matchPlan(
  knex: Knex,
  def: PlanDefinition,
  planId: number | null,
  today: string,
  synonyms?: DiagnosisSynonyms,
): Promise<{ candidates: Candidate[]; warnings: string[] }> {
  const warnings: string[] = [];
  const range = lookbackRange(def, today);
  const byEncounter = new Map<number, Candidate>();
  for (const rule of def.enrolment.rules)
    for (const c of await ruleCandidates(knex, rule, range, planId, warnings, synonyms)) if (!byEncounter.has(c.encounterId)) byEncounter.set(c.encounterId, c);
  let candidates = [...byEncounter.values()].sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.encounterId - b.encounterId);
  if (def.enrolment.perPatient === 'once') {
    const active = new Set<number>(
      planId
        ? (await knex('enrolments').where({ plan_id: planId, status: 'active' }).distinct('patient_id')).map((r: { patient_id: number }) =>
            Number(r.patient_id),
          )
        : [],
    );
    const seen = new Set<number>();
    candidates = candidates.filter((c) => {
      if (active.has(c.patientId) || seen.has(c.patientId)) return false;
      seen.add(c.patientId);
      return true;
    });
  }
  return { candidates, warnings };
}
