import type { TFunction } from 'i18next';
import type { z } from 'zod';

// The shared schema's complaints in the UI's language: the field named as the form names it
// ("轨道 1 › 循环 2 › 次数"), the problem said from the issue's code. The schema's own messages
// are written '中文 (English)'; the half in the UI's language is shown.

const FIELDS = [
  'tracks',
  'cycles',
  'points',
  'enrolment',
  'rules',
  'every',
  'from',
  'until',
  'count',
  'at',
  'window',
  'before',
  'after',
  'education',
  'questionnaire',
  'label',
  'name',
  'code',
  'id',
  'title',
  'content',
  'anchor',
  'channel',
  'satisfiedBy',
  'treatmentStart',
  'encounterKind',
  'icd10',
  'keywords',
  'departments',
  'retry',
  'script',
  'escalation',
  'description',
  'opening',
  'closing',
  'nameEn',
  'labelEn',
  'descriptionEn',
  'openingEn',
  'closingEn',
  'titleEn',
  'contentEn',
] as const;

/** "中文 (English)": the half for the UI's language; other messages as they are. */
export function inLanguage(message: string, lang: string): string {
  const m = /^(.*[\u4e00-\u9fff].*?) \((.+)\)$/s.exec(message);
  if (!m) return message;
  return lang.startsWith('zh') ? m[1] : m[2];
}

function fieldPath(path: PropertyKey[], t: TFunction): string {
  const out: string[] = [];
  for (const p of path) {
    if (typeof p === 'number') out[out.length - 1] = `${out[out.length - 1] ?? ''} ${p + 1}`;
    else out.push((FIELDS as readonly string[]).includes(String(p)) ? t(`plans.issue.field.${String(p)}`) : String(p));
  }
  return out.join(' › ') || t('plans.issue.root');
}

function problem(i: z.core.$ZodIssue, t: TFunction, lang: string): string {
  switch (i.code) {
    case 'unrecognized_keys':
      return t('plans.issue.unknownKeys', { keys: i.keys.join(', ') });
    case 'invalid_type':
      // zod reports a missing field as the type it expected, received undefined.
      return i.message.endsWith('received undefined')
        ? t('plans.issue.required')
        : t('plans.issue.type', { expected: t(`plans.issue.types.${i.expected}`, { defaultValue: i.expected }) });
    case 'too_small':
      return i.origin === 'array'
        ? t('plans.issue.fewItems', { n: i.minimum })
        : i.origin === 'string'
          ? t('plans.issue.required')
          : t('plans.issue.min', { n: i.minimum });
    case 'too_big':
      return i.origin === 'array'
        ? t('plans.issue.manyItems', { n: i.maximum })
        : i.origin === 'string'
          ? t('plans.issue.long', { n: i.maximum })
          : t('plans.issue.max', { n: i.maximum });
    case 'invalid_value':
      return t('plans.issue.oneOf', { values: i.values.map(String).join(' / ') });
    default:
      return /[\u4e00-\u9fff]/.test(i.message) ? inLanguage(i.message, lang) : t('plans.issue.invalid');
  }
}

export const issueText = (i: z.core.$ZodIssue, t: TFunction, lang: string): string => `${fieldPath(i.path, t)}：${problem(i, t, lang)}`;
