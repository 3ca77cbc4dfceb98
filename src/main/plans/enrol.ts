import type { DiagnosisSynonyms } from '../diagnoses/diagnosis-synonyms';
import type { Store } from '../store/store';
import { beijingDate, beijingTimestamp, type Clock } from '../util/clock';
import { activeVersions } from './definitions';
import { describeMatch, matchPlan } from './matching';

/** Marks an enrolment the generator has never looked at (any date sorts after it). */
export const NEVER_GENERATED = '0000-00-00';

/** Enrols every patient an active plan version matches; safe to rerun (one enrolment per plan × encounter). */
export async function enrolMatching(store: Store, clock: Clock, synonyms?: DiagnosisSynonyms): Promise<{ enrolled: number; warnings: string[] }> {
  const { knex } = store;
  const now = beijingTimestamp(clock.now());
  const today = beijingDate(clock.now());
  let enrolled = 0;
  const warnings: string[] = [];
  for (const plan of await activeVersions(knex)) {
    const { candidates, warnings: w } = await matchPlan(knex, plan.definition, plan.planId, today, synonyms);
    warnings.push(...w.map((x) => `${plan.definition.code}: ${x}`));
    const rows = candidates.map((c) => ({
      plan_id: plan.planId,
      plan_version_id: plan.planVersionId,
      patient_id: c.patientId,
      anchor_encounter_id: c.encounterId,
      anchor_date: c.eventDate,
      admit_date: c.admitDate,
      dept_id: c.deptId,
      status: 'active',
      rule_id: c.rule.id,
      matched_rule: describeMatch(c),
      enrolled_at: now,
      next_generate_on: NEVER_GENERATED,
      unreachable_streak: 0,
    }));
    for (let i = 0; i < rows.length; i += 200) {
      const ids = await knex('enrolments')
        .insert(rows.slice(i, i + 200))
        .onConflict(['plan_id', 'patient_id', 'anchor_encounter_id'])
        .ignore()
        .returning('id');
      enrolled += ids.length;
    }
  }
  return { enrolled, warnings };
}
