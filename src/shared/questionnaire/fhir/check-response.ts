import { questionnaireIndex, type ItemInfo } from './check';
import { ANSWER_TYPE, CHOICES, ELEMENTS, RE, VALUESETS } from './r4-rules';

// Structural check of an R4 QuestionnaireResponse, and (given its Questionnaire) whether the
// answers fit the items: known linkIds, answer types, options, repeats, required items of a
// completed response, and no answers on items that enableWhen disables.

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObj) : []);

export function checkFhirQuestionnaireResponse(qr: unknown, questionnaire?: unknown): string[] {
  const out: string[] = [];
  if (!isObj(qr) || qr.resourceType !== 'QuestionnaireResponse') return ['resourceType must be "QuestionnaireResponse"'];
  const keys = (o: Json, allowed: string[], at: string, choice?: { prefix: string; types: string[] }) => {
    for (const k of Object.keys(o)) {
      const base = k.startsWith('_') ? k.slice(1) : k;
      if (base === 'resourceType' || allowed.includes(base)) continue;
      if (choice && base.startsWith(choice.prefix) && choice.types.includes(base.slice(choice.prefix.length))) continue;
      out.push(`${at}.${k}: unknown element`);
    }
  };
  keys(qr, ELEMENTS.QuestionnaireResponse, 'QuestionnaireResponse');
  if (!VALUESETS.responseStatus.includes(qr.status as string))
    out.push(`QuestionnaireResponse.status: required (1..1), one of ${VALUESETS.responseStatus.join(', ')}`);
  if (qr.authored !== undefined && (typeof qr.authored !== 'string' || !RE.dateTime.test(qr.authored)))
    out.push('QuestionnaireResponse.authored: expected a dateTime');
  if (qr.questionnaire !== undefined && (typeof qr.questionnaire !== 'string' || !/^\S+(\|\S+)?$/.test(qr.questionnaire)))
    out.push('QuestionnaireResponse.questionnaire: expected a canonical');
  for (const k of ['subject', 'author', 'source', 'encounter'])
    if (qr[k] !== undefined && !isObj(qr[k])) out.push(`QuestionnaireResponse.${k}: expected a Reference`);

  const answers = new Map<string, Json[]>();
  const walk = (items: unknown, at: string) => {
    if (items === undefined) return;
    if (!Array.isArray(items)) {
      out.push(`${at}: expected an array`);
      return;
    }
    list(items).forEach((it, i) => {
      const p = `${at}[${i}]`;
      keys(it, ELEMENTS.responseItem, p);
      if (typeof it.linkId !== 'string' || !it.linkId) out.push(`${p}.linkId: required (1..1)`);
      const ans = list(it.answer);
      if (it.answer !== undefined && !Array.isArray(it.answer)) out.push(`${p}.answer: expected an array`);
      if (ans.some((a) => a.item !== undefined) && it.item !== undefined) out.push(`${p}: nested items cannot be beneath both item and answer (qrs-1)`);
      ans.forEach((a, j) => {
        const ap = `${p}.answer[${j}]`;
        keys(a, ELEMENTS.responseAnswer, ap, CHOICES.responseAnswerValue);
        const present = CHOICES.responseAnswerValue.types.filter((t) => a[`value${t}`] !== undefined);
        if (present.length > 1) out.push(`${ap}: only one value[x] allowed`);
        if (!present.length && a.item === undefined) out.push(`${ap}: an answer needs a value or nested items (ele-1)`);
        walk(a.item, `${ap}.item`);
      });
      if (typeof it.linkId === 'string') answers.set(it.linkId, [...(answers.get(it.linkId) ?? []), ...ans]);
      walk(it.item, `${p}.item`);
    });
  };
  walk(qr.item, 'QuestionnaireResponse.item');
  if (questionnaire !== undefined) out.push(...againstQuestionnaire(qr, answers, questionnaire));
  return out;
}

function againstQuestionnaire(qr: Json, answers: Map<string, Json[]>, questionnaire: unknown): string[] {
  const out: string[] = [];
  const { problems, items } = questionnaireIndex(questionnaire);
  if (problems.length) return problems.map((p) => `questionnaire: ${p}`);
  const q = questionnaire as Json;
  if (typeof qr.questionnaire === 'string' && q.url && qr.questionnaire.split('|')[0] !== q.url)
    out.push(`questionnaire "${qr.questionnaire}" is not ${q.url}`);
  for (const [linkId, ans] of answers) {
    const info = items.get(linkId);
    if (!info) {
      out.push(`item "${linkId}": not in the questionnaire`);
      continue;
    }
    if (ans.length > 1 && !info.repeats) out.push(`item "${linkId}": ${ans.length} answers on a non-repeating item`);
    for (const a of ans) {
      const t = CHOICES.responseAnswerValue.types.find((x) => a[`value${x}`] !== undefined);
      if (t && !(ANSWER_TYPE[info.type] ?? []).includes(t)) out.push(`item "${linkId}": value${t} does not fit a ${info.type} item`);
      if (t === 'Coding' && info.options.size) {
        const c = a.valueCoding as Json;
        if (!info.options.has(`${c.system}|${c.code}`)) out.push(`item "${linkId}": ${c.code} is not one of its answerOptions`);
      }
    }
    if (ans.length && !enabled(info, answers)) out.push(`item "${linkId}": answered although enableWhen disables it`);
  }
  if (qr.status === 'completed') {
    for (const [linkId, info] of items) {
      if (info.required && !answers.get(linkId)?.length && enabled(info, answers) && !info.hasExpression)
        out.push(`item "${linkId}": required but not answered`);
    }
  }
  return out;
}

/** R4 enableWhen semantics for the answer types written here (coding, numbers, strings, dates). */
export function enabled(info: ItemInfo, answers: Map<string, Json[]>): boolean {
  if (!info.enableWhen.length) return true;
  const results = info.enableWhen.map((ew) => {
    const given = answers.get(ew.question as string) ?? [];
    if (ew.operator === 'exists') return given.length > 0 === ew.answerBoolean;
    const want = CHOICES.enableWhenAnswer.types.map((t) => ew[`answer${t}`]).find((v) => v !== undefined);
    const vals = given.map((a) => CHOICES.responseAnswerValue.types.map((t) => a[`value${t}`]).find((v) => v !== undefined));
    const same = (v: unknown) => (isObj(v) && isObj(want) ? v.system === want.system && v.code === want.code : v === want);
    switch (ew.operator) {
      case '=':
        return vals.some(same);
      case '!=':
        return !vals.some(same);
      case '>':
        return vals.some((v) => (v as number) > (want as number));
      case '>=':
        return vals.some((v) => (v as number) >= (want as number));
      case '<':
        return vals.some((v) => (v as number) < (want as number));
      case '<=':
        return vals.some((v) => (v as number) <= (want as number));
      default:
        return false;
    }
  });
  return info.enableBehavior === 'any' ? results.some(Boolean) : results.every(Boolean);
}
