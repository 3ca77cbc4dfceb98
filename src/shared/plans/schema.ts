import { z } from 'zod';
import { date } from '../contract/common';
import { firstReversedRange } from '../diagnosis-terms';
import { riskTiersSchema } from './risk-tiers';

// A disease plan is data: who is enrolled, which tracks of follow-up points run from which
// anchor, and what each point asks for. The same schema validates the plan editor's input,
// templates/plans/*.json and `followup template import`. Texts a user sees are Chinese in the
// plain field and English in its `…En` twin (optional: plans saved before it read as Chinese).

const slug = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, '只能用小写字母、数字、- 和 _ (lower-case letters, digits, - and _)');
const days = z.number().int().min(0).max(3650);

/** A calendar offset from the anchor. Months and years are calendar months (Jan 31 + 1 month = Feb 28/29). */
export const offsetSchema = z
  .object({
    years: z.number().int().min(0).max(50).optional(),
    months: z.number().int().min(0).max(600).optional(),
    weeks: z.number().int().min(0).max(2600).optional(),
    days: z.number().int().min(0).max(18250).optional(),
  })
  .strict();
export type Offset = z.infer<typeof offsetSchema>;

export const channelSchema = z.enum(['call', 'sms']);
export type Channel = z.infer<typeof channelSchema>;

export const questionnaireRef = z
  .object({
    id: z.string().min(1).max(64),
    /** Omitted: the newest version in the library when the task is generated (then pinned on the task). */
    version: z.number().int().positive().optional(),
  })
  .strict();

/** What a point asks for; set on the track as defaults and overridden per point or cycle. */
const pointFields = {
  label: z.string().max(64).optional(),
  labelEn: z.string().max(128).optional(),
  questionnaire: questionnaireRef.optional(),
  /** Days before / after the due date during which the point may be done. */
  window: z.object({ before: days, after: days }).strict().optional(),
  /** Codes of education items (see `education` below) the nurse should give at this point. */
  education: z.array(z.string().min(1).max(64)).max(20).optional(),
  channel: channelSchema.optional(),
};

export const pointSchema = z.object({ at: offsetSchema, ...pointFields }).strict();
/**
 * Repeats `every` from `from` (default: one `every` after the anchor), either up to and including
 * `until` or `count` times ("every 21 days × 6 cycles"). Exactly one of the two: a cycle without
 * an end would fill the queue. Plans saved before `count` existed all have `until`.
 */
export const cycleSchema = z
  .object({
    every: offsetSchema,
    from: offsetSchema.optional(),
    until: offsetSchema.optional(),
    count: z.number().int().min(1).max(100).optional(),
    ...pointFields,
  })
  .strict()
  .superRefine((c, ctx) => {
    if ((c.until === undefined) === (c.count === undefined))
      ctx.addIssue({ code: 'custom', path: ['count'], message: '循环需要「截止」或「次数」二者之一 (a cycle needs exactly one of until or count)' });
  });

export const anchorSchema = z.enum(['discharge', 'visit', 'checkup', 'admission', 'treatment_start']);
export type Anchor = z.infer<typeof anchorSchema>;

export const trackSchema = z
  .object({
    id: slug,
    name: z.string().min(1).max(64),
    nameEn: z.string().max(128).optional(),
    /**
     * discharge / visit / checkup: the date of the matched encounter; admission: its admission
     * date; treatment_start: the enrolment's treatment start (entered by the team, or the HIS event
     * the plan's `treatmentStart` names; tracks wait for it), else, in plans naming no event, admission.
     */
    anchor: anchorSchema,
    ...pointFields,
    points: z.array(pointSchema).max(200).default([]),
    cycles: z.array(cycleSchema).max(20).default([]),
    /** A visit or stay in the HIS inside a point's window satisfies it without a call. */
    satisfiedBy: z.enum(['any_visit', 'same_department', 'none']).default('any_visit'),
  })
  .strict()
  .refine((t) => t.points.length + t.cycles.length > 0, '轨道至少需要一个时间点或循环 (a track needs points or cycles)');
export type Track = z.infer<typeof trackSchema>;

// A range written backwards (C99-C00) would enrol nobody without a word; refused on save instead.
const diagnosisTerm = z
  .string()
  .min(1)
  .max(32)
  .superRefine((s, ctx) => {
    const err = firstReversedRange(s);
    if (err) ctx.addIssue({ code: 'custom', message: err });
  });

export const enrolmentRuleSchema = z
  .object({
    id: slug,
    label: z.string().max(128).optional(),
    labelEn: z.string().max(256).optional(),
    encounterKind: z.enum(['inpatient', 'outpatient', 'checkup']),
    /** Department names (current or former), as the HIS dictionary spells them. Empty: any. */
    departments: z.array(z.string().min(1).max(128)).max(100).default([]),
    /** ICD-10 codes or ranges: "C18", "C18-C20", "E11.9". */
    icd10: z.array(diagnosisTerm).max(100).default([]),
    /** Diagnosis name keywords, resolved against the diagnosis dictionary ("肺癌"). */
    keywords: z.array(diagnosisTerm).max(50).default([]),
    ageMin: z.number().int().min(0).max(150).optional(),
    ageMax: z.number().int().min(0).max(150).optional(),
    /** 离院方式 codes (1 医嘱离院 … 9 其他); empty: any except death (5). */
    dischargeModes: z.array(z.string().min(1).max(4)).max(10).default([]),
    /** Checkups only: with a critical (危急值) / abnormal finding. */
    critical: z.boolean().optional(),
    abnormal: z.boolean().optional(),
    /** Checkups only: assessed into one of these risk tiers (codes of another plan's riskTiers). */
    riskTiers: z.array(z.string().min(1).max(32)).max(10).optional(),
  })
  .strict();
export type EnrolmentRule = z.infer<typeof enrolmentRuleSchema>;

export const educationItemSchema = z
  .object({
    code: z.string().min(1).max(64),
    title: z.string().min(1).max(128),
    titleEn: z.string().max(256).optional(),
    content: z.string().max(4000).default(''),
    contentEn: z.string().max(8000).optional(),
  })
  .strict();

/**
 * A HIS event that starts treatment: the first encounter of this kind whose main diagnosis is
 * among `icd10` (codes, ranges or keywords, as in enrolment rules: Z51.1 化疗, Z51.0 放疗), on or
 * after the enrolling encounter's admission. Its admission date (a visit's date) is the
 * treatment start. A date the team enters on the enrolment overrides it. Until one is known,
 * tracks anchored on treatment_start wait.
 */
export const treatmentStartSchema = z
  .object({
    encounterKind: z.enum(['inpatient', 'outpatient']).default('inpatient'),
    icd10: z.array(z.string().min(1).max(32)).min(1).max(50),
  })
  .strict();
export type TreatmentStart = z.output<typeof treatmentStartSchema>;

export const planDefinitionSchema = z
  .object({
    kind: z.literal('plan').default('plan'),
    code: slug,
    name: z.string().min(1).max(128),
    nameEn: z.string().max(256).optional(),
    description: z.string().max(2000).optional(),
    descriptionEn: z.string().max(4000).optional(),
    enrolment: z
      .object({
        rules: z.array(enrolmentRuleSchema).min(1).max(50),
        /** Only encounters whose date is at most this many days ago are enrolled. */
        lookbackDays: z.number().int().min(0).max(3650).default(30),
        /** Encounters before this date are never enrolled (a plan going live mid-year). */
        notBefore: date.optional(),
        /** per_encounter: each matching stay/visit starts an enrolment; once: one active enrolment per patient. */
        perPatient: z.enum(['once', 'per_encounter']).default('per_encounter'),
      })
      .strict(),
    tracks: z.array(trackSchema).min(1).max(10),
    retry: z
      .object({ maxAttempts: z.number().int().min(1).max(10).default(3), intervalHours: z.number().int().min(1).max(720).default(24) })
      .strict()
      .default({ maxAttempts: 3, intervalHours: 24 }),
    callback: z
      .object({ teamDelayMinutes: z.number().int().min(0).max(10080).default(60) })
      .strict()
      .default({ teamDelayMinutes: 60 }),
    stop: z
      .object({
        /** This many unreachable points in a row flag the patient lost to follow-up and stop the plan; 0: never. */
        lostAfterUnreachable: z.number().int().min(0).max(20).default(3),
      })
      .strict()
      .default({ lostAfterUnreachable: 3 }),
    script: z
      .object({
        opening: z.string().max(4000).optional(),
        openingEn: z.string().max(8000).optional(),
        closing: z.string().max(4000).optional(),
        closingEn: z.string().max(8000).optional(),
      })
      .strict()
      .default({}),
    escalation: z
      .object({
        /** Department responsible for escalations; default: the anchor encounter's department. */
        department: z.string().max(128).optional(),
        dueHours: z.number().int().min(1).max(720).default(24),
      })
      .strict()
      .default({ dueHours: 24 }),
    /** Tasks are created this many days before their window opens. */
    generateAheadDays: z.number().int().min(0).max(90).default(7),
    education: z.array(educationItemSchema).max(200).default([]),
    /** Where 治疗开始日 comes from for tracks anchored on treatment_start (see treatmentStartSchema). */
    treatmentStart: treatmentStartSchema.optional(),
    /** Risk tiers this plan assigns to the checkups it enrols, from its questionnaires' scores and the findings. */
    riskTiers: riskTiersSchema.optional(),
    /** Critical values (危急值): the patient must be told within this many hours of the result, else it is escalated. */
    critical: z
      .object({ notifyWithinHours: z.number().int().min(1).max(168).default(24) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const dup = (ids: string[]) => ids.find((x, i) => ids.indexOf(x) !== i);
    const t = dup(p.tracks.map((x) => x.id));
    if (t) ctx.addIssue({ code: 'custom', path: ['tracks'], message: `轨道编码重复：${t} (duplicate track id)` });
    const r = dup(p.enrolment.rules.map((x) => x.id));
    if (r) ctx.addIssue({ code: 'custom', path: ['enrolment', 'rules'], message: `规则编码重复：${r} (duplicate rule id)` });
    const known = new Set(p.education.map((e) => e.code));
    p.tracks.forEach((tr, i) => {
      const codes = [...(tr.education ?? []), ...tr.points.flatMap((x) => x.education ?? []), ...tr.cycles.flatMap((x) => x.education ?? [])];
      for (const c of codes)
        if (!known.has(c))
          ctx.addIssue({ code: 'custom', path: ['tracks', i], message: `宣教项目 ${c} 未在宣教列表中定义 (education item not defined in education[])` });
    });
  });

export type PlanDefinition = z.output<typeof planDefinitionSchema>;
export type PlanDefinitionInput = z.input<typeof planDefinitionSchema>;
