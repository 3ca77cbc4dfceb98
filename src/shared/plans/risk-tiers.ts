import { z } from 'zod';

// A checkup centre sorts its clients into risk tiers from a risk questionnaire's answers and the
// checkup's findings. The tiers live on the plan that asks the questionnaire (a team edits them
// like any rule); plans for each tier enrol by `riskTiers` in their enrolment rules.

const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, '只能用小写字母、数字、- 和 _ (lower-case letters, digits, - and _)');

export const scoreConditionSchema = z
  .object({
    questionnaire: z.string().min(1).max(64),
    /** A score id of that questionnaire (e.g. risk_total, phq9_total). */
    score: z.string().min(1).max(64),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();
export type ScoreCondition = z.infer<typeof scoreConditionSchema>;

/** Every field given must hold: a score in range, an abnormal finding, a critical value. */
export const riskConditionSchema = z
  .object({
    score: scoreConditionSchema.optional(),
    abnormal: z.boolean().optional(),
    critical: z.boolean().optional(),
  })
  .strict()
  .refine((c) => c.score || c.abnormal || c.critical, '条件至少需要一项 (a condition needs a score, abnormal or critical)');
export type RiskCondition = z.infer<typeof riskConditionSchema>;

export const riskTierSchema = z
  .object({
    code,
    label: z.string().min(1).max(32),
    labelEn: z.string().max(64).optional(),
    /** Any one of these conditions places the client in this tier; none: every assessed client left over. */
    when: z.array(riskConditionSchema).max(20).default([]),
  })
  .strict();
export type RiskTier = z.output<typeof riskTierSchema>;

/** Tiers in order, highest first: a client takes the first tier one of whose conditions holds. */
export const riskTiersSchema = z
  .array(riskTierSchema)
  .min(1)
  .max(10)
  .superRefine((tiers, ctx) => {
    const codes = tiers.map((t) => t.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) ctx.addIssue({ code: 'custom', message: `分层编码重复：${dup} (duplicate tier code)` });
  });

/** The questionnaires a tier list reads; a client is assessed once one of them is answered. */
export const tierQuestionnaires = (tiers: RiskTier[]): string[] => [
  ...new Set(tiers.flatMap((t) => t.when.flatMap((c) => (c.score ? [c.score.questionnaire] : [])))),
];
