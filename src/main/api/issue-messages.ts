import type { z } from 'zod';
import { inLanguage } from '../../shared/bilingual';

// Input refused by a contract schema is told to the user in the screen's language, so every
// issue message is written "中文 (English)" (src/shared/bilingual.ts): zod's own complaints are
// worded here from the issue's code, and a schema's custom message written in one language
// gets the other half from its code.

type Issue = z.core.$ZodRawIssue | z.core.$ZodIssue;
interface Both {
  zh: string;
  en: string;
}

const CJK = /[\u3400-\u9fff]/;
const TYPE_ZH: Record<string, string> = { string: '文本', number: '数字', int: '整数', boolean: '是或否', array: '列表', object: '对象', date: '日期' };

function sizeLimit(origin: string | undefined, n: number | bigint, most: boolean, inclusive: boolean): Both {
  if (origin === 'string')
    return !most && Number(n) === 1
      ? { zh: '不能为空', en: 'must not be empty' }
      : most
        ? { zh: `最多 ${n} 个字符`, en: `at most ${n} characters` }
        : { zh: `至少 ${n} 个字符`, en: `at least ${n} characters` };
  if (origin === 'array' || origin === 'set')
    return most ? { zh: `最多 ${n} 项`, en: `at most ${n} items` } : { zh: `至少 ${n} 项`, en: `at least ${n} items` };
  if (most) return inclusive ? { zh: `不能大于 ${n}`, en: `must be at most ${n}` } : { zh: `应小于 ${n}`, en: `must be less than ${n}` };
  return inclusive ? { zh: `不能小于 ${n}`, en: `must be at least ${n}` } : { zh: `应大于 ${n}`, en: `must be more than ${n}` };
}

/** The problem an issue's code names, in both languages. */
function wording(issue: Issue): Both {
  switch (issue.code) {
    case 'invalid_type':
      if ('input' in issue && issue.input === undefined) return { zh: '必填', en: 'required' };
      return { zh: `应为${TYPE_ZH[issue.expected] ?? issue.expected}`, en: `expected ${issue.expected}` };
    case 'too_big':
      return sizeLimit(issue.origin, issue.maximum, true, issue.inclusive !== false);
    case 'too_small':
      return sizeLimit(issue.origin, issue.minimum, false, issue.inclusive !== false);
    case 'invalid_format':
      return { zh: '格式不正确', en: 'invalid format' };
    case 'invalid_value':
      return { zh: `应为以下之一：${issue.values.map(String).join('、')}`, en: `must be one of ${issue.values.map(String).join(', ')}` };
    case 'unrecognized_keys':
      return { zh: `不认识的字段：${issue.keys.join('、')}`, en: `unknown fields: ${issue.keys.join(', ')}` };
    case 'not_multiple_of':
      return { zh: `应为 ${issue.divisor} 的倍数`, en: `must be a multiple of ${issue.divisor}` };
    default:
      return { zh: '输入无效', en: 'invalid input' };
  }
}

/** zod's message for an issue no schema words itself (the error map of a parse). */
export const bilingualIssueMap = (issue: z.core.$ZodRawIssue): string => {
  const w = wording(issue);
  return `${w.zh} (${w.en})`;
};

/** An issue's message as "中文 (English)": kept when it is already, else completed from its code. */
export function bilingualMessage(issue: z.core.$ZodIssue): string {
  const msg = issue.message;
  if (!CJK.test(msg)) return `${wording(issue).zh} (${msg})`;
  return inLanguage(msg, 'en') !== msg ? msg : `${msg} (${wording(issue).en})`;
}
