import type { RiskCondition, RiskTier, ScoreCondition } from '../../shared/plans/risk-tiers';
import { tierQuestionnaires } from '../../shared/plans/risk-tiers';

export interface KnownScore {
  value: number;
  label: string;
  labelEn: string;
}

/** What a tier is decided on: the client's latest completed scores and the checkup's findings. */
export interface CheckupFacts {
  /** questionnaire id → score id → score */
  scores: Map<string, Map<string, KnownScore>>;
  abnormalCount: number;
  criticalCount: number;
}

export interface TierDecision {
  tier: RiskTier;
  /** Bilingual "中文 (English)" reasons, one per fact the condition used. */
  reasons: string[];
}

const range = (c: ScoreCondition): string =>
  c.min !== undefined && c.max !== undefined ? `${c.min}–${c.max}` : c.min !== undefined ? `≥ ${c.min}` : c.max !== undefined ? `≤ ${c.max}` : '';

/** The reasons a condition holds, or null when it does not. */
function holds(c: RiskCondition, facts: CheckupFacts): string[] | null {
  const reasons: string[] = [];
  if (c.score) {
    const s = facts.scores.get(c.score.questionnaire)?.get(c.score.score);
    if (!s) return null;
    if ((c.score.min !== undefined && s.value < c.score.min) || (c.score.max !== undefined && s.value > c.score.max)) return null;
    reasons.push(`${s.label} ${s.value}（${range(c.score)}） (${s.labelEn} ${s.value}, ${range(c.score)})`);
  }
  if (c.abnormal) {
    if (facts.abnormalCount <= 0) return null;
    reasons.push(`体检异常 ${facts.abnormalCount} 项 (${facts.abnormalCount} abnormal finding(s))`);
  }
  if (c.critical) {
    if (facts.criticalCount <= 0) return null;
    reasons.push(`危急值 ${facts.criticalCount} 项 (${facts.criticalCount} critical value(s))`);
  }
  return reasons;
}

/**
 * The first tier (highest first) one of whose conditions holds; a tier without conditions takes
 * whoever is left. Null until one of the tiers' questionnaires has been answered: a client who
 * was never asked is not "low risk".
 */
export function decideTier(tiers: RiskTier[], facts: CheckupFacts): TierDecision | null {
  const asked = tierQuestionnaires(tiers);
  if (asked.length && !asked.some((q) => facts.scores.has(q))) return null;
  for (const tier of tiers) {
    if (!tier.when.length) return { tier, reasons: ['未达到更高分层的条件 (no condition of a higher tier met)'] };
    for (const c of tier.when) {
      const reasons = holds(c, facts);
      if (reasons) return { tier, reasons };
    }
  }
  return null;
}
