import { describe, expect, it } from 'vitest';
import { decideTier, type CheckupFacts } from '../../src/main/plans/risk-tier-rules';
import { riskTiersSchema } from '../../src/shared/plans/risk-tiers';
import { loadPlanTemplates } from '../../src/main/plans/templates';

const shipped = loadPlanTemplates().find((t) => t.definition.code === 'checkup-risk-assessment')!.definition.riskTiers!;
const facts = (risk: number | null, abnormal = 0, critical = 0, phq?: number): CheckupFacts => {
  const scores: CheckupFacts['scores'] = new Map();
  if (risk !== null) scores.set('tumour-risk', new Map([['risk_total', { value: risk, label: '肿瘤风险总分', labelEn: 'Cancer risk total' }]]));
  if (phq !== undefined) scores.set('phq9', new Map([['phq9_total', { value: phq, label: 'PHQ-9 总分', labelEn: 'PHQ-9 total' }]]));
  return { scores, abnormalCount: abnormal, criticalCount: critical };
};
const tier = (f: CheckupFacts) => decideTier(shipped, f)?.tier.code ?? null;

describe('shipped checkup risk tiers (highest first, first condition met wins)', () => {
  it.each([
    [facts(9), 'high'],
    [facts(8), 'high'],
    [facts(4, 1), 'high'],
    [facts(0, 0, 1), 'high'],
    [facts(7), 'medium'],
    [facts(4), 'medium'],
    [facts(3, 2), 'medium'],
    [facts(3), 'low'],
    [facts(0), 'low'],
  ])('%# → %s', (f, expected) => expect(tier(f)).toBe(expected));

  it('leaves a client who never answered the questionnaire unassessed, whatever the findings', () => {
    expect(decideTier(shipped, facts(null, 3, 1))).toBeNull();
  });

  it('says why, in both languages, naming each fact the condition used', () => {
    expect(decideTier(shipped, facts(5, 2))!.reasons).toEqual(['肿瘤风险总分 5（≥ 4） (Cancer risk total 5, ≥ 4)', '体检异常 2 项 (2 abnormal finding(s))']);
    expect(decideTier(shipped, facts(1))!.reasons).toEqual(['未达到更高分层的条件 (no condition of a higher tier met)']);
  });
});

describe('tiers a team writes', () => {
  const team = riskTiersSchema.parse([
    { code: 'psych', label: '心理关注', when: [{ score: { questionnaire: 'phq9', score: 'phq9_total', min: 10, max: 27 } }] },
    { code: 'watch', label: '观察', when: [{ score: { questionnaire: 'tumour-risk', score: 'risk_total', max: 3 }, abnormal: true }] },
  ]);
  it('combine several questionnaires; a client matching no tier and with no fallback stays unassessed', () => {
    expect(decideTier(team, facts(null, 0, 0, 12))?.tier.code).toBe('psych');
    expect(decideTier(team, facts(2, 1, 0, 3))?.tier.code).toBe('watch');
    expect(decideTier(team, facts(2, 0, 0, 3))).toBeNull();
  });

  it('refuse duplicate codes and empty conditions, in both languages', () => {
    const dup = riskTiersSchema.safeParse([
      { code: 'a', label: 'A' },
      { code: 'a', label: 'B' },
    ]);
    expect(dup.success).toBe(false);
    expect(dup.error!.issues[0].message).toBe('分层编码重复：a (duplicate tier code)');
    const empty = riskTiersSchema.safeParse([{ code: 'a', label: 'A', when: [{}] }]);
    expect(empty.error!.issues[0].message).toMatch(/^条件至少需要一项 \(/);
  });
});
