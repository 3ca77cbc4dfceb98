import { z } from 'zod';

// Questionnaire definitions are data (templates/questionnaires/*.json, spreadsheets). This file
// holds their shape; cross-references (ids, bands, option values) are checked in
// definition-checks.ts so that each error can name the item it is about.

export const ITEM_TYPES = ['single', 'multiple', 'integer', 'decimal', 'text', 'date', 'display'] as const;
export const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'answered'] as const;
export const COLORS = ['green', 'yellow', 'orange', 'red'] as const;
export const TRIGGER_COLORS = ['yellow', 'orange', 'red'] as const;

export type ItemType = (typeof ITEM_TYPES)[number];
export type Op = (typeof OPS)[number];
export type WarningColor = (typeof COLORS)[number];
export type TriggerColor = (typeof TRIGGER_COLORS)[number];

/** Questionnaire ids are slugs (file names, URLs); item/score ids must work inside expressions. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const required = (what: string) => ({ error: (i: { input: unknown }) => (i.input === undefined ? 'is required' : `must be ${what}`) });
const text = z.string(required('text')).trim().min(1, 'must not be empty');
const name = z.string(required('text')).regex(NAME, 'must start with a letter and hold only letters, digits and _');
const scalar = z.union([z.string(), z.number()]);

/**
 * A condition on an item's answer or on a computed score, or a group of conditions.
 * `value`: eq/ne take a string or number, gt/gte/lt/lte a number, `in` a list, `answered`
 * an optional boolean (default true: "has an answer"; false: "has none").
 */
export type Condition = ItemCondition | ScoreCondition | AllCondition | AnyCondition;
export interface ItemCondition {
  item: string;
  op: Op;
  value?: string | number | boolean | (string | number)[];
}
export interface ScoreCondition {
  score: string;
  op: Op;
  value?: string | number | boolean | (string | number)[];
}
export interface AllCondition {
  all: Condition[];
}
export interface AnyCondition {
  any: Condition[];
}

const conditionShape = z.strictObject({
  item: name.optional(),
  score: name.optional(),
  op: z.enum(OPS).optional(),
  value: z.union([scalar, z.boolean(), z.array(scalar)]).optional(),
  get all() {
    return z.array(conditionSchema).min(1, 'a group needs at least one condition').optional();
  },
  get any() {
    return z.array(conditionSchema).min(1, 'a group needs at least one condition').optional();
  },
});

export const conditionSchema: z.ZodType<Condition> = conditionShape.superRefine((c, ctx) => {
  const kinds = (['item', 'score', 'all', 'any'] as const).filter((k) => c[k] !== undefined);
  if (kinds.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `a condition has exactly one of item, score, all, any (found ${kinds.join(', ') || 'none'})` });
    return;
  }
  if (kinds[0] === 'all' || kinds[0] === 'any') {
    if (c.op !== undefined || c.value !== undefined) ctx.addIssue({ code: 'custom', message: 'a group (all/any) takes no op or value' });
    return;
  }
  const subject = `${kinds[0]} "${c[kinds[0]]}"`;
  if (!c.op) {
    ctx.addIssue({ code: 'custom', path: ['op'], message: `condition on ${subject} needs an op` });
    return;
  }
  const v = c.value;
  const bad = (want: string) => ctx.addIssue({ code: 'custom', path: ['value'], message: `condition on ${subject}: op "${c.op}" needs ${want}` });
  if ((c.op === 'eq' || c.op === 'ne') && typeof v !== 'string' && typeof v !== 'number') bad('a string or number value');
  if (['gt', 'gte', 'lt', 'lte'].includes(c.op) && typeof v !== 'number') bad('a number value');
  if (c.op === 'in' && (!Array.isArray(v) || v.length === 0)) bad('a non-empty list value');
  if (c.op === 'answered' && v !== undefined && typeof v !== 'boolean') bad('true, false or no value');
}) as unknown as z.ZodType<Condition>;

export const optionSchema = z.strictObject({
  value: z.string().trim().min(1, 'must not be empty'),
  label: text,
  labelEn: text,
  /** Contribution to scores; an option without a score counts as answered but adds nothing. */
  score: z.number().finite().optional(),
  /** Multiple choice: this option ("none of the above") cannot be combined with others. */
  exclusive: z.boolean().optional(),
});

export const itemSchema = z.strictObject({
  id: name,
  type: z.enum(ITEM_TYPES, { error: (i) => `unknown type ${JSON.stringify(i.input)} (expected ${ITEM_TYPES.join(', ')})` }),
  text,
  textEn: text,
  help: z.string().optional(),
  helpEn: z.string().optional(),
  required: z.boolean().default(false),
  options: z.array(optionSchema).optional(),
  min: z.number().finite().optional(),
  max: z.number().finite().optional(),
  unit: z.string().optional(),
  maxLength: z.number().int().positive().optional(),
  showIf: conditionSchema.optional(),
});

export const bandSchema = z.strictObject({
  min: z.number().finite(),
  max: z.number().finite(),
  label: text,
  labelEn: text,
  color: z.enum(COLORS),
  advice: z.string().optional(),
  adviceEn: z.string().optional(),
});

export const mapEntrySchema = z.strictObject({ min: z.number().finite(), max: z.number().finite(), value: z.number().finite() });

export const codingSchema = z.strictObject({ system: z.string().min(1), code: z.string().min(1), display: z.string().optional() });

export const scoreSchema = z.strictObject({
  id: name,
  label: text,
  labelEn: text,
  /** Sum of option scores / numbers of these items (or other scores). */
  sum: z.array(name).min(1).optional(),
  /** Largest contribution instead of the sum (e.g. the worst CTCAE grade). */
  max: z.array(name).min(1).optional(),
  /** Lookup applied to the aggregate: first entry with min <= value <= max gives the value. */
  map: z.array(mapEntrySchema).min(1).optional(),
  bands: z.array(bandSchema).default([]),
  code: codingSchema.optional(),
});

export const triggerSchema = z.strictObject({
  id: name,
  when: conditionSchema,
  color: z.enum(TRIGGER_COLORS),
  message: text,
  messageEn: text,
  /** The nurse must write an escalation note before the call can be closed. */
  escalate: z.boolean(required('true or false')),
});

export const questionnaireShape = z.strictObject({
  $schema: z.string().optional(),
  id: z.string(required('text')).regex(SLUG, 'must be a slug: lower-case letters and digits separated by "-"'),
  version: z.number(required('a whole number')).int().min(1),
  title: text,
  titleEn: text,
  description: z.string().optional(),
  descriptionEn: z.string().optional(),
  /** Provenance: publication, licence, notes. Free text, not interpreted. */
  meta: z.record(z.string(), z.string()).optional(),
  code: codingSchema.optional(),
  items: z.array(itemSchema).min(1, 'a questionnaire needs at least one item'),
  scores: z.array(scoreSchema).default([]),
  triggers: z.array(triggerSchema).default([]),
});

export type Option = z.output<typeof optionSchema>;
export type Item = z.output<typeof itemSchema>;
export type Band = z.output<typeof bandSchema>;
export type MapEntry = z.output<typeof mapEntrySchema>;
export type Score = z.output<typeof scoreSchema>;
export type Trigger = z.output<typeof triggerSchema>;
export type Coding = z.output<typeof codingSchema>;
/** A validated definition (defaults filled in). */
export type QuestionnaireDef = z.output<typeof questionnaireShape>;
/** What authors write (required, scores, triggers, bands may be left out). */
export type QuestionnaireInput = z.input<typeof questionnaireShape>;

/** Answers keyed by item id: option value, option values, number, text/date string, or null. */
export type Answer = string | string[] | number | null;
export type Answers = Record<string, Answer | undefined>;

export const answersSchema = z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number().finite(), z.null()]));
