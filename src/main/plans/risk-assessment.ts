import type { Knex } from 'knex';
import { addDays } from '../../shared/plans/schedule';
import { tierQuestionnaires, type RiskTier } from '../../shared/plans/risk-tiers';
import type { CompiledPlan } from './definitions';
import { activeVersions } from './definitions';
import { stopEnrolments } from './stop';
import { decideTier, type CheckupFacts, type KnownScore } from './risk-tier-rules';

// Answers given up to a month before the checkup (a questionnaire filled at booking) still count.
const ANSWERS_BEFORE_CHECKUP_DAYS = 30;
// Checkups older than this are not reassessed: their tier plans have long enrolled or not.
const REASSESS_DAYS = 400;

interface EnrolledCheckup {
  encounter_id: number;
  patient_id: number;
  event_date: string;
  abnormal_count: number;
  critical_count: number;
}

interface StoredScore {
  id: string;
  label: string;
  labelEn: string;
  value: number | null;
  complete: boolean;
}

interface Answered {
  completedAt: string;
  scores: Map<string, KnownScore>;
}

/** The latest completed scores per patient and questionnaire, answered since `from`. */
async function latestScores(knex: Knex, questionnaires: string[], patientIds: number[], from: string) {
  const out = new Map<number, Map<string, Answered>>();
  for (let i = 0; i < patientIds.length; i += 500) {
    const rows: { patient_id: number; questionnaire_id: string; scores: string | null; completed_at: string }[] = await knex('responses')
      .where('draft', 0)
      .whereIn('questionnaire_id', questionnaires)
      .whereIn('patient_id', patientIds.slice(i, i + 500))
      .where('completed_at', '>=', from)
      .orderBy('completed_at')
      .select('patient_id', 'questionnaire_id', 'scores', 'completed_at');
    for (const r of rows) {
      const byQ = out.get(Number(r.patient_id)) ?? new Map<string, Answered>();
      out.set(Number(r.patient_id), byQ);
      const scores = new Map<string, KnownScore>();
      for (const s of JSON.parse(r.scores ?? '[]') as StoredScore[])
        if (s.complete && s.value !== null) scores.set(s.id, { value: s.value, label: s.label, labelEn: s.labelEn });
      byQ.set(r.questionnaire_id, { completedAt: r.completed_at, scores }); // ordered by time: the latest wins
    }
  }
  return out;
}

async function assessPlan(knex: Knex, plan: CompiledPlan, tiers: RiskTier[], now: string, encounterIds?: number[]): Promise<number> {
  let q = knex('enrolments as en')
    .join('encounters as e', 'e.id', 'en.anchor_encounter_id')
    .where('en.plan_id', plan.planId)
    .where('e.kind', 'checkup')
    .whereIn('en.status', ['active', 'completed'])
    .where('e.event_date', '>=', addDays(now.slice(0, 10), -REASSESS_DAYS));
  if (encounterIds) q = q.whereIn('e.id', encounterIds);
  const checkups: EnrolledCheckup[] = await q.select('e.id as encounter_id', 'en.patient_id', 'e.event_date', 'e.abnormal_count', 'e.critical_count');
  if (!checkups.length) return 0;
  const earliest = checkups.reduce((m, c) => (c.event_date < m ? c.event_date : m), checkups[0].event_date);
  const scores = await latestScores(
    knex,
    tierQuestionnaires(tiers),
    [...new Set(checkups.map((c) => Number(c.patient_id)))],
    addDays(earliest, -ANSWERS_BEFORE_CHECKUP_DAYS),
  );
  const existing = new Map<number, { tier: string; reasons: string }>(
    (
      await knex('risk_assessments')
        .where('plan_id', plan.planId)
        .whereIn(
          'encounter_id',
          checkups.map((c) => c.encounter_id),
        )
        .select('encounter_id', 'tier', 'reasons')
    ).map((r: { encounter_id: number; tier: string; reasons: string }) => [Number(r.encounter_id), r]),
  );
  let changed = 0;
  for (const c of checkups) {
    const from = addDays(c.event_date, -ANSWERS_BEFORE_CHECKUP_DAYS);
    const facts: CheckupFacts = { scores: new Map(), abnormalCount: Number(c.abnormal_count) || 0, criticalCount: Number(c.critical_count) || 0 };
    // Answers from an earlier checkup's season do not decide this one.
    for (const [qid, a] of scores.get(Number(c.patient_id)) ?? []) if (a.completedAt >= from && a.scores.size) facts.scores.set(qid, a.scores);
    const decision = decideTier(tiers, facts);
    if (!decision) continue;
    const reasons = JSON.stringify(decision.reasons);
    const old = existing.get(Number(c.encounter_id));
    if (old && old.tier === decision.tier.code && old.reasons === reasons) continue;
    await knex('risk_assessments')
      .insert({
        plan_id: plan.planId,
        encounter_id: c.encounter_id,
        patient_id: c.patient_id,
        tier: decision.tier.code,
        tier_label: decision.tier.label,
        tier_label_en: decision.tier.labelEn ?? null,
        reasons,
        assessed_at: now,
      })
      .onConflict(['plan_id', 'encounter_id'])
      .merge(['tier', 'tier_label', 'tier_label_en', 'reasons', 'assessed_at']);
    if (old && old.tier !== decision.tier.code) await leaveFormerTier(knex, Number(c.encounter_id), decision.tier.code, now);
    changed++;
  }
  return changed;
}

/** A client moved to another tier leaves the plans of tiers she no longer is in (their open tasks are cancelled). */
async function leaveFormerTier(knex: Knex, encounterId: number, tier: string, now: string): Promise<void> {
  const otherTierPlans = (await activeVersions(knex))
    .filter((p) => p.definition.enrolment.rules.some((r) => r.riskTiers?.length && !r.riskTiers.includes(tier)))
    .map((p) => p.planId);
  if (!otherTierPlans.length) return;
  const ids = (await knex('enrolments').where({ anchor_encounter_id: encounterId, status: 'active' }).whereIn('plan_id', otherTierPlans).pluck('id')).map(
    Number,
  );
  await stopEnrolments(knex, ids, 'retiered', now);
}

/**
 * Places checkups enrolled in plans with risk tiers into a tier, from the latest answers and the
 * findings; reruns only write what moved. `only` limits it to one plan version's checkups (a
 * questionnaire just completed), so the tier shows at once instead of after the next sync.
 */
export async function assessRiskTiers(knex: Knex, now: string, only?: { plan: CompiledPlan; encounterIds: number[] }): Promise<number> {
  const plans = only ? [only.plan] : await activeVersions(knex);
  let changed = 0;
  for (const plan of plans) {
    const tiers = plan.definition.riskTiers;
    if (tiers) changed += await assessPlan(knex, plan, tiers, now, only?.encounterIds);
  }
  return changed;
}
