import { ANSWER_TYPE, CHOICES, ELEMENTS, MAXLENGTH_TYPES, RE, VALUESETS } from './r4-rules';

// A compact structural check of R4 Questionnaire and QuestionnaireResponse JSON: allowed
// elements, required elements and cardinalities, value[x] choice rules, value sets, primitive
// formats, and the que-*/qrs-* invariants that concern what this project writes. Not a full
// validator (no profiles, no terminology), but enough to catch a malformed export.

type Json = Record<string, unknown>;
type Problems = string[];

const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

function checkKeys(o: Json, allowed: string[], at: string, out: Problems, choice?: { prefix: string; types: string[] }): void {
  for (const k of Object.keys(o)) {
    const base = k.startsWith('_') ? k.slice(1) : k;
    if (allowed.includes(base) || base === 'resourceType') continue;
    if (choice && base.startsWith(choice.prefix) && choice.types.includes(base.slice(choice.prefix.length))) continue;
    out.push(`${at}.${k}: unknown element`);
  }
  for (const [k, v] of Object.entries(o)) {
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0))
      out.push(`${at}.${k}: empty values are not allowed (ele-1)`);
  }
}

/** value[x]: at most one type present; `min: 1` makes one required. */
function checkChoice(o: Json, rule: { prefix: string; types: string[]; min: number }, at: string, out: Problems): string | null {
  const present = rule.types.filter((t) => o[rule.prefix + t] !== undefined);
  if (present.length > 1) out.push(`${at}: only one ${rule.prefix}[x] allowed, found ${present.map((t) => rule.prefix + t).join(', ')}`);
  if (present.length < rule.min) out.push(`${at}: ${rule.prefix}[x] is required`);
  for (const t of present) checkPrimitive(o[rule.prefix + t], t, `${at}.${rule.prefix}${t}`, out);
  return present[0] ?? null;
}

function checkPrimitive(v: unknown, type: string, at: string, out: Problems): void {
  const bad = (want: string) => out.push(`${at}: expected ${want}, got ${JSON.stringify(v)}`);
  switch (type) {
    case 'Boolean':
      if (typeof v !== 'boolean') bad('a boolean');
      break;
    case 'Integer':
      if (!Number.isInteger(v)) bad('an integer');
      break;
    case 'Decimal':
      if (typeof v !== 'number' || !Number.isFinite(v)) bad('a decimal');
      break;
    case 'String':
      if (typeof v !== 'string' || !v.trim()) bad('a non-empty string');
      break;
    case 'Date':
      if (typeof v !== 'string' || !RE.date.test(v)) bad('a date');
      break;
    case 'DateTime':
      if (typeof v !== 'string' || !RE.dateTime.test(v)) bad('a dateTime');
      break;
    case 'Time':
      if (typeof v !== 'string' || !RE.time.test(v)) bad('a time');
      break;
    case 'Uri':
    case 'Url':
    case 'Canonical':
    case 'Oid':
    case 'Uuid':
      if (typeof v !== 'string' || !v || !RE.uri.test(v)) bad(`a ${type.toLowerCase()}`);
      break;
    case 'Code':
      if (typeof v !== 'string' || !RE.code.test(v)) bad('a code');
      break;
    case 'Id':
      if (typeof v !== 'string' || !RE.id.test(v)) bad('an id');
      break;
    case 'Markdown':
    case 'Base64Binary':
    case 'Instant':
      if (typeof v !== 'string' || !v) bad(`a ${type}`);
      break;
    case 'PositiveInt':
      if (!Number.isInteger(v) || (v as number) < 1) bad('a positive integer');
      break;
    case 'UnsignedInt':
      if (!Number.isInteger(v) || (v as number) < 0) bad('an unsigned integer');
      break;
    case 'Coding':
      checkCoding(v, at, out);
      break;
    default:
      if (!isObj(v)) bad(`a ${type}`);
  }
}

function checkCoding(v: unknown, at: string, out: Problems): void {
  if (!isObj(v)) {
    out.push(`${at}: expected a Coding`);
    return;
  }
  checkKeys(v, ELEMENTS.Coding, at, out);
  if (v.system !== undefined && (typeof v.system !== 'string' || !RE.uri.test(v.system))) out.push(`${at}.system: expected a uri`);
  if (v.code !== undefined && (typeof v.code !== 'string' || !RE.code.test(v.code))) out.push(`${at}.code: expected a code`);
  if (v.display !== undefined && typeof v.display !== 'string') out.push(`${at}.display: expected a string`);
}

function checkExtensions(o: Json, at: string, out: Problems): void {
  for (const key of ['extension', 'modifierExtension']) {
    const list = o[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      out.push(`${at}.${key}: expected an array`);
      continue;
    }
    list.forEach((e, i) => {
      const p = `${at}.${key}[${i}]`;
      if (!isObj(e)) {
        out.push(`${p}: expected an object`);
        return;
      }
      checkKeys(e, ELEMENTS.Extension, p, out, CHOICES.extensionValue);
      if (typeof e.url !== 'string' || !e.url) out.push(`${p}.url: required`);
      const value = checkChoice(e, CHOICES.extensionValue, p, out);
      if (!!value === (e.extension !== undefined)) out.push(`${p}: must have either extensions or value[x], not both (ext-1)`);
      checkExtensions(e, p, out);
    });
  }
  for (const [k, v] of Object.entries(o)) if (k.startsWith('_') && isObj(v)) checkExtensions(v, `${at}.${k}`, out);
}

const arrayOf = (o: Json, key: string, at: string, out: Problems): Json[] => {
  const v = o[key];
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    out.push(`${at}.${key}: expected an array (0..*)`);
    return [];
  }
  return v.filter((x, i) => (isObj(x) ? true : (out.push(`${at}.${key}[${i}]: expected an object`), false)));
};

export interface ItemInfo {
  type: string;
  repeats: boolean;
  required: boolean;
  options: Set<string>;
  enableWhen: Json[];
  enableBehavior?: string;
  hasExpression: boolean;
}

/** Structural problems of an R4 Questionnaire (empty when it is fine). */
export function checkFhirQuestionnaire(q: unknown): Problems {
  return questionnaireIndex(q).problems;
}

export function questionnaireIndex(q: unknown): { problems: Problems; items: Map<string, ItemInfo> } {
  const out: Problems = [];
  const items = new Map<string, ItemInfo>();
  if (!isObj(q) || q.resourceType !== 'Questionnaire') return { problems: ['resourceType must be "Questionnaire"'], items };
  checkKeys(q, ELEMENTS.Questionnaire, 'Questionnaire', out);
  checkExtensions(q, 'Questionnaire', out);
  if (!VALUESETS.publicationStatus.includes(q.status as string))
    out.push(`Questionnaire.status: required (1..1), one of ${VALUESETS.publicationStatus.join(', ')}`);
  if (q.id !== undefined && (typeof q.id !== 'string' || !RE.id.test(q.id))) out.push('Questionnaire.id: not a valid id');
  if (q.url !== undefined && (typeof q.url !== 'string' || !RE.uri.test(q.url))) out.push('Questionnaire.url: expected a uri');
  for (const k of ['version', 'title', 'description', 'language'])
    if (q[k] !== undefined && typeof q[k] !== 'string') out.push(`Questionnaire.${k}: expected a string (0..1)`);
  if (q.name !== undefined && (typeof q.name !== 'string' || !RE.name.test(q.name))) out.push('Questionnaire.name: should be usable as an identifier (cnl-0)');
  arrayOf(q, 'code', 'Questionnaire', out).forEach((c, i) => checkCoding(c, `Questionnaire.code[${i}]`, out));
  const walk = (list: Json[], at: string) =>
    list.forEach((it, i) => {
      const p = `${at}[${i}]`;
      checkItem(it, p, out);
      const linkId = it.linkId as string;
      if (typeof linkId === 'string') {
        if (items.has(linkId)) out.push(`${p}.linkId: "${linkId}" is not unique (que-2)`);
        items.set(linkId, {
          type: it.type as string,
          repeats: it.repeats === true,
          required: it.required === true,
          options: new Set(
            arrayOf(it, 'answerOption', p, []).map((o) => (isObj(o.valueCoding) ? `${o.valueCoding.system}|${o.valueCoding.code}` : JSON.stringify(o))),
          ),
          enableWhen: arrayOf(it, 'enableWhen', p, []),
          enableBehavior: it.enableBehavior as string | undefined,
          hasExpression: arrayOf(it, 'extension', p, []).some((e) => String(e.url).endsWith('enableWhenExpression')),
        });
      }
      walk(arrayOf(it, 'item', p, out), `${p}.item`);
    });
  walk(arrayOf(q, 'item', 'Questionnaire', out), 'Questionnaire.item');
  // enableWhen needs the whole tree: its question must exist and decide the answer type.
  for (const [linkId, info] of items) {
    info.enableWhen.forEach((ew, j) => {
      const p = `item "${linkId}".enableWhen[${j}]`;
      const target = items.get(ew.question as string);
      if (!target) {
        out.push(`${p}.question: no item with linkId "${ew.question}"`);
        return;
      }
      const t = CHOICES.enableWhenAnswer.types.find((x) => ew[`answer${x}`] !== undefined);
      if (ew.operator === 'exists') return;
      if (t && !(ANSWER_TYPE[target.type] ?? []).includes(t)) out.push(`${p}: answer${t} does not fit the ${target.type} question "${ew.question}"`);
      if (['>', '<', '>=', '<='].includes(ew.operator as string) && (t === 'Coding' || t === 'Boolean'))
        out.push(`${p}: "${ew.operator}" needs an ordered answer type, not ${t}`);
    });
  }
  return { problems: out, items };
}

function checkItem(it: Json, at: string, out: Problems): void {
  checkKeys(it, ELEMENTS.item, at, out);
  checkExtensions(it, at, out);
  if (typeof it.linkId !== 'string' || !it.linkId) out.push(`${at}.linkId: required (1..1)`);
  if (!VALUESETS.itemType.includes(it.type as string)) out.push(`${at}.type: required (1..1), one of the item types, got ${JSON.stringify(it.type)}`);
  if (it.text !== undefined && typeof it.text !== 'string') out.push(`${at}.text: expected a string`);
  for (const k of ['required', 'repeats', 'readOnly']) if (it[k] !== undefined && typeof it[k] !== 'boolean') out.push(`${at}.${k}: expected a boolean`);
  if (it.maxLength !== undefined && !Number.isInteger(it.maxLength)) out.push(`${at}.maxLength: expected an integer`);
  const type = it.type as string;
  const children = arrayOf(it, 'item', at, []);
  const options = arrayOf(it, 'answerOption', at, out);
  if (type === 'group' && !children.length) out.push(`${at}: a group needs nested items (que-1)`);
  if (type === 'display' && children.length) out.push(`${at}: a display item cannot have nested items (que-1)`);
  if (type === 'display' && it.code !== undefined) out.push(`${at}: display items cannot have a code (que-3)`);
  if (options.length && it.answerValueSet !== undefined) out.push(`${at}: answerOption and answerValueSet are exclusive (que-4)`);
  if ((options.length || it.answerValueSet !== undefined) && type !== 'choice' && type !== 'open-choice')
    out.push(`${at}: only choice items can have answerOption (que-5)`);
  if (type === 'display' && (it.required !== undefined || it.repeats !== undefined)) out.push(`${at}: display items cannot be required or repeat (que-6)`);
  if ((type === 'group' || type === 'display') && it.initial !== undefined) out.push(`${at}: no initial value on groups or display items (que-8)`);
  if (type === 'display' && it.readOnly !== undefined) out.push(`${at}: display items cannot be readOnly (que-9)`);
  if (it.maxLength !== undefined && !MAXLENGTH_TYPES.includes(type)) out.push(`${at}: maxLength only on simple question types (que-10)`);
  if (options.length && it.initial !== undefined) out.push(`${at}: answerOption and initial are exclusive (que-11)`);
  const ew = arrayOf(it, 'enableWhen', at, out);
  if (ew.length > 1 && it.enableBehavior === undefined) out.push(`${at}: enableBehavior is required with more than one enableWhen (que-12)`);
  if (it.enableBehavior !== undefined && !VALUESETS.enableWhenBehavior.includes(it.enableBehavior as string))
    out.push(`${at}.enableBehavior: must be all or any`);
  ew.forEach((e, j) => {
    const p = `${at}.enableWhen[${j}]`;
    checkKeys(e, ELEMENTS.enableWhen, p, out, CHOICES.enableWhenAnswer);
    if (typeof e.question !== 'string' || !e.question) out.push(`${p}.question: required (1..1)`);
    if (!VALUESETS.enableWhenOperator.includes(e.operator as string))
      out.push(`${p}.operator: required, one of ${VALUESETS.enableWhenOperator.join(' ')}, got ${JSON.stringify(e.operator)}`);
    const t = checkChoice(e, CHOICES.enableWhenAnswer, p, out);
    if (e.operator === 'exists' && t !== 'Boolean') out.push(`${p}: operator "exists" needs answerBoolean (que-7)`);
  });
  options.forEach((o, j) => {
    const p = `${at}.answerOption[${j}]`;
    checkKeys(o, ELEMENTS.answerOption, p, out, CHOICES.answerOptionValue);
    checkExtensions(o, p, out);
    checkChoice(o, CHOICES.answerOptionValue, p, out);
  });
}
