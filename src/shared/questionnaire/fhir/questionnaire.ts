import { compile, type Compiled } from '../compiled';
import { scoreRange } from '../range-checks';
import type { Condition, Item, ItemCondition, QuestionnaireDef, Score } from '../schema';
import { conditionToFhirPath, scoreToFhirPath } from './fhirpath';
import type { Extension, Questionnaire, QuestionnaireEnableWhen, QuestionnaireItem, QuestionnaireItemType } from './types';
import { DEFAULT_FHIR_BASE, EXT, fhirName, optionSystem, questionnaireUrl, translation, ucumOf } from './urls';

export interface FhirExportOptions {
  /** Base of canonical URLs, e.g. https://fhir.example-hospital.cn/fhir. */
  baseUrl?: string;
  status?: Questionnaire['status'];
}

const TYPE: Record<Item['type'], QuestionnaireItemType> = {
  single: 'choice',
  multiple: 'choice',
  integer: 'integer',
  decimal: 'decimal',
  text: 'string',
  date: 'date',
  display: 'display',
};
const OPERATOR = { eq: '=', ne: '!=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

/**
 * An R4 Questionnaire: items keep their ids as linkIds, option scores travel as ordinalValue
 * (R4) and itemWeight (R5 name) extensions, showIf becomes enableWhen where R4 can express it
 * (else an SDC enableWhenExpression), and each computed score is a read-only item with an SDC
 * calculatedExpression. Bands and safety triggers have no FHIR equivalent and are not exported.
 */
export function toFhirQuestionnaire(def: QuestionnaireDef, opts: FhirExportOptions = {}): Questionnaire {
  const base = opts.baseUrl ?? DEFAULT_FHIR_BASE;
  const c = compile(def);
  return {
    resourceType: 'Questionnaire',
    id: def.id,
    language: 'zh-CN',
    url: questionnaireUrl(def, base),
    version: String(def.version),
    name: fhirName(def.id),
    title: def.title,
    _title: translation(def.titleEn),
    status: opts.status ?? 'active',
    subjectType: ['Patient'],
    ...(def.description ? { description: def.description } : {}),
    ...(def.description && def.descriptionEn ? { _description: translation(def.descriptionEn) } : {}),
    ...(def.code ? { code: [def.code] } : {}),
    item: [...def.items.map((it) => itemOf(def, it, c, base)), ...def.scores.map((s) => scoreItem(s, c))],
  };
}

function itemOf(def: QuestionnaireDef, it: Item, c: Compiled, base: string): QuestionnaireItem {
  const ext: Extension[] = [];
  const valueKey = it.type === 'integer' ? 'valueInteger' : 'valueDecimal';
  if (it.min !== undefined) ext.push({ url: EXT.minValue, [valueKey]: it.min });
  if (it.max !== undefined) ext.push({ url: EXT.maxValue, [valueKey]: it.max });
  if (it.unit) {
    const ucum = ucumOf(it.unit);
    ext.push({ url: EXT.unit, valueCoding: ucum ? { system: 'http://unitsofmeasure.org', code: ucum, display: it.unit } : { display: it.unit } });
  }
  const out: QuestionnaireItem = { linkId: it.id, text: it.text, _text: translation(it.textEn), type: TYPE[it.type] };
  if (it.type !== 'display') out.required = it.required;
  if (it.type === 'multiple') out.repeats = true;
  if (it.maxLength !== undefined) out.maxLength = it.maxLength;
  if (it.options) {
    out.answerOption = it.options.map((o) => {
      const oe: Extension[] = [];
      if (o.score !== undefined) oe.push({ url: EXT.ordinalValue, valueDecimal: o.score }, { url: EXT.itemWeight, valueDecimal: o.score });
      if (o.exclusive) oe.push({ url: EXT.optionExclusive, valueBoolean: true });
      return {
        ...(oe.length ? { extension: oe } : {}),
        valueCoding: { system: optionSystem(def, it.id, base), code: o.value, display: o.label },
      };
    });
  }
  if (it.showIf) {
    const ew = toEnableWhen(def, it.showIf, c, base);
    if (ew) {
      out.enableWhen = ew.list;
      if (ew.list.length > 1) out.enableBehavior = ew.behavior;
    } else {
      ext.push({ url: EXT.enableWhenExpression, valueExpression: { language: 'text/fhirpath', expression: conditionToFhirPath(it.showIf, c) } });
    }
  }
  if (it.help) {
    out.item = [
      {
        linkId: `${it.id}.help`,
        type: 'display',
        text: it.help,
        ...(it.helpEn ? { _text: translation(it.helpEn) } : {}),
        extension: [{ url: EXT.itemControl, valueCodeableConcept: { coding: [{ system: 'http://hl7.org/fhir/questionnaire-item-control', code: 'help' }] } }],
      },
    ];
  }
  return ext.length ? { extension: ext, ...out } : out;
}

function scoreItem(s: Score, c: Compiled): QuestionnaireItem {
  const { expression, variable } = scoreToFhirPath(s, c);
  const { integral } = scoreRange(s, c.items, c.scores);
  const ext: Extension[] = [];
  if (variable) ext.push({ url: EXT.variable, valueExpression: { name: 'raw', language: 'text/fhirpath', expression: variable } });
  ext.push({ url: EXT.calculatedExpression, valueExpression: { language: 'text/fhirpath', expression } });
  return {
    extension: ext,
    linkId: s.id,
    ...(s.code ? { code: [s.code] } : {}),
    text: s.label,
    _text: translation(s.labelEn),
    type: integral ? 'integer' : 'decimal',
    readOnly: true,
  };
}

/**
 * enableWhen can hold one flat list joined by all/any, with equality on codings and
 * comparisons on numbers. Anything else (nested groups, > on a choice) returns null.
 */
function toEnableWhen(def: QuestionnaireDef, cond: Condition, c: Compiled, base: string): { list: QuestionnaireEnableWhen[]; behavior: 'all' | 'any' } | null {
  const all = 'all' in cond;
  const leaves = 'all' in cond ? cond.all : 'any' in cond ? cond.any : [cond];
  const list: QuestionnaireEnableWhen[] = [];
  for (const leaf of leaves) {
    if (!('item' in leaf)) return null;
    const parts = leafToEnableWhen(def, leaf, c, base);
    // "in" becomes several "=" entries, which means "any of" only under enableBehavior any.
    if (!parts || (all && parts.length !== 1)) return null;
    list.push(...parts);
  }
  return { list, behavior: all ? 'all' : 'any' };
}

function leafToEnableWhen(def: QuestionnaireDef, leaf: ItemCondition, c: Compiled, base: string): QuestionnaireEnableWhen[] | null {
  const it = c.items.get(leaf.item);
  if (!it) return null;
  if (leaf.op === 'answered') return [{ question: it.id, operator: 'exists', answerBoolean: leaf.value !== false }];
  const values = leaf.op === 'in' ? (leaf.value as (string | number)[]) : [leaf.value as string | number];
  const operator = leaf.op === 'in' ? '=' : OPERATOR[leaf.op];
  const answer = (v: string | number): Partial<QuestionnaireEnableWhen> | null => {
    switch (it.type) {
      case 'single':
      case 'multiple':
        return operator === '=' || operator === '!=' ? { answerCoding: { system: optionSystem(def, it.id, base), code: String(v) } } : null;
      case 'integer':
        return { answerInteger: Number(v) };
      case 'decimal':
        return { answerDecimal: Number(v) };
      case 'date':
        return operator === '=' || operator === '!=' ? { answerDate: String(v) } : null;
      case 'text':
        return operator === '=' || operator === '!=' ? { answerString: String(v) } : null;
      default:
        return null;
    }
  };
  const out: QuestionnaireEnableWhen[] = [];
  for (const v of values) {
    const a = answer(v);
    if (!a) return null;
    out.push({ question: it.id, operator, ...a });
  }
  return out;
}
