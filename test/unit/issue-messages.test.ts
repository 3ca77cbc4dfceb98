import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDispatcher, type Handlers } from '../../src/main/api/dispatcher';
import { bilingualIssueMap, bilingualMessage } from '../../src/main/api/issue-messages';
import { inLanguage } from '../../src/shared/bilingual';

// Refused input is told in the screen's language: every issue the dispatcher returns is
// "中文 (English)", whether zod worded it or a schema did, in one language or both.

const CJK = /[\u3400-\u9fff]/;
const messagesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input, { error: bilingualIssueMap });
  return r.success ? [] : r.error.issues.map(bilingualMessage);
};
const halves = (m: string) => ({ zh: inLanguage(m, 'zh'), en: inLanguage(m, 'en') });

describe('issue messages in both languages', () => {
  it("words zod's own complaints in Chinese and English", () => {
    const schema = z
      .object({
        query: z.string().max(64),
        name: z.string().min(1),
        ids: z.array(z.number()).max(2),
        n: z.number().int().min(1).max(10),
        kind: z.enum(['inpatient', 'outpatient']),
        day: z.string(),
      })
      .strict();
    const got = messagesOf(schema, { query: 'x'.repeat(11_000), name: '', ids: [1, 2, 3], n: 11, kind: 'x', extra: 1 }).map(halves);
    expect(got).toEqual([
      { zh: '最多 64 个字符', en: 'at most 64 characters' },
      { zh: '不能为空', en: 'must not be empty' },
      { zh: '最多 2 项', en: 'at most 2 items' },
      { zh: '不能大于 10', en: 'must be at most 10' },
      { zh: '应为以下之一：inpatient、outpatient', en: 'must be one of inpatient, outpatient' },
      { zh: '必填', en: 'required' },
      { zh: '不认识的字段：extra', en: 'unknown fields: extra' },
    ]);
  });

  it('keeps a schema message written in both languages, and completes one written in one', () => {
    const schema = z.object({
      both: z.string().max(1, '搜索内容过长 (search text too long)'),
      zh: z.string().max(1, '内容过长'),
      en: z.string().regex(/^ws/, 'expected ws://…'),
    });
    expect(messagesOf(schema, { both: 'ab', zh: 'ab', en: 'http' })).toEqual([
      '搜索内容过长 (search text too long)',
      '内容过长 (at most 1 characters)',
      '格式不正确 (expected ws://…)',
    ]);
  });

  it('answers an 11,000-character search with a message whose halves are each in one language', async () => {
    const d = createDispatcher(new Proxy({} as Handlers, { get: () => async () => ({}) }));
    const out = await d.dispatch({ user: { id: 1, username: 'n', displayName: 'n', role: 'nurse' }, token: null, transport: 'http' }, 'patients.find', {
      query: '张'.repeat(11_000),
    });
    expect(out.ok).toBe(false);
    const issues = out.ok ? [] : (out.error.issues ?? []);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe('query');
    const { zh, en } = halves(issues[0].message);
    expect(zh).toBe('最多 64 个字符');
    expect(CJK.test(en)).toBe(false);
    expect(en).not.toMatch(/Too big/);
  });
});
