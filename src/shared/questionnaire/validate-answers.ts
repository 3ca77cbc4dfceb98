import { isAnswered, isIsoDate } from './answers';
import { compile } from './compiled';
import type { Answers, Item, QuestionnaireDef } from './schema';
import { resolveVisibility } from './visibility';

export type AnswerIssueCode = 'required' | 'type' | 'option' | 'range' | 'format' | 'exclusive' | 'unknown';

export interface AnswerIssue {
  item: string;
  code: AnswerIssueCode;
  message: string;
  messageEn: string;
}

const num = (n: number, unit?: string) => `${n}${unit ? ` ${unit}` : ''}`;

/**
 * Problems with an answer set, one entry per problem, in item order. Hidden items are not
 * checked (their answers are ignored); answers for ids the questionnaire lacks are reported.
 */
export function validateAnswers(def: QuestionnaireDef, answers: Answers): AnswerIssue[] {
  const { items } = compile(def);
  const { visible } = resolveVisibility(def, answers);
  const out: AnswerIssue[] = [];
  for (const it of def.items) {
    if (!visible.has(it.id) || it.type === 'display') continue;
    const a = answers[it.id];
    if (!isAnswered(a)) {
      if (it.required) out.push({ item: it.id, code: 'required', message: '此题必答', messageEn: 'An answer is required' });
      continue;
    }
    const issue = checkAnswer(it, a);
    if (issue) out.push({ item: it.id, ...issue });
  }
  for (const key of Object.keys(answers)) {
    if (!items.has(key)) out.push({ item: key, code: 'unknown', message: `问卷中没有题目 "${key}"`, messageEn: `The questionnaire has no item "${key}"` });
  }
  return out;
}

/**
 * Every given answer against its item, visible or not and required or not: what a draft may
 * hold (partial, but each value one the item allows: an option of the item, a number in its
 * range, a date). Answers for ids the questionnaire lacks, or for display items, are reported.
 */
export function validateAnswerValues(def: QuestionnaireDef, answers: Answers): AnswerIssue[] {
  const { items } = compile(def);
  const out: AnswerIssue[] = [];
  for (const [key, a] of Object.entries(answers)) {
    const it = items.get(key);
    if (!it) out.push({ item: key, code: 'unknown', message: `问卷中没有题目 "${key}"`, messageEn: `The questionnaire has no item "${key}"` });
    else if (isAnswered(a)) {
      const problem = it.type === 'display' ? issue('type', '此题无需作答', 'This item takes no answer') : checkAnswer(it, a);
      if (problem) out.push({ item: key, ...problem });
    }
  }
  return out;
}

type Issue = Omit<AnswerIssue, 'item'> | null;
const issue = (code: AnswerIssueCode, message: string, messageEn: string): Issue => ({ code, message, messageEn });

function checkAnswer(it: Item, a: string | string[] | number): Issue {
  const values = new Set((it.options ?? []).map((o) => o.value));
  switch (it.type) {
    case 'single':
      if (typeof a !== 'string') return issue('type', '应选择一个选项', 'Expected one option value');
      return values.has(a) ? null : issue('option', `"${a}" 不是有效选项`, `"${a}" is not an option`);
    case 'multiple': {
      if (!Array.isArray(a) || a.some((x) => typeof x !== 'string')) return issue('type', '应为选项列表', 'Expected a list of option values');
      const bad = a.find((x) => !values.has(x));
      if (bad !== undefined) return issue('option', `"${bad}" 不是有效选项`, `"${bad}" is not an option`);
      if (new Set(a).size !== a.length) return issue('option', '选项重复', 'An option is selected twice');
      const excl = it.options!.find((o) => o.exclusive && a.includes(o.value));
      if (excl && a.length > 1) return issue('exclusive', `"${excl.label}" 不能与其他选项同时选择`, `"${excl.labelEn}" cannot be combined with other options`);
      return null;
    }
    case 'integer':
    case 'decimal': {
      if (typeof a !== 'number' || !Number.isFinite(a)) return issue('type', '应为数字', 'Expected a number');
      if (it.type === 'integer' && !Number.isInteger(a)) return issue('type', '应为整数', 'Expected a whole number');
      if ((it.min !== undefined && a < it.min) || (it.max !== undefined && a > it.max)) {
        const zh =
          it.min !== undefined && it.max !== undefined
            ? `应在 ${num(it.min)}–${num(it.max, it.unit)} 之间`
            : it.min !== undefined
              ? `不应小于 ${num(it.min, it.unit)}`
              : `不应大于 ${num(it.max!, it.unit)}`;
        const en =
          it.min !== undefined && it.max !== undefined
            ? `Must be between ${num(it.min)} and ${num(it.max, it.unit)}`
            : it.min !== undefined
              ? `Must be at least ${num(it.min, it.unit)}`
              : `Must be at most ${num(it.max!, it.unit)}`;
        return issue('range', zh, en);
      }
      return null;
    }
    case 'text':
      if (typeof a !== 'string') return issue('type', '应为文字', 'Expected text');
      if (it.maxLength !== undefined && a.length > it.maxLength) return issue('range', `不超过 ${it.maxLength} 字`, `At most ${it.maxLength} characters`);
      return null;
    case 'date':
      if (typeof a !== 'string') return issue('type', '应为日期', 'Expected a date');
      return isIsoDate(a) ? null : issue('format', '日期格式应为 YYYY-MM-DD', 'Dates are written YYYY-MM-DD');
    default:
      return null;
  }
}
