import { describe, expect, it } from 'vitest';
import { inLanguage, inLanguageOnly, textIn } from '../../src/shared/bilingual';

describe('messages written for both languages', () => {
  it('shows the half in the screen language', () => {
    const msg = '无权导出此类数据 (role nurse may not export research)';
    expect(inLanguage(msg, 'zh')).toBe('无权导出此类数据');
    expect(inLanguage(msg, 'en')).toBe('role nurse may not export research');
    expect(inLanguage('科室不存在 (unknown departments: 3, 4)', 'en')).toBe('unknown departments: 3, 4');
  });

  it('leaves other messages as they are', () => {
    for (const m of ['internal error; see the server log', '肿瘤科（二病区）', 'not found (export 3)', '科室 (心内科)'])
      for (const lang of ['zh', 'en'] as const) expect(inLanguage(m, lang)).toBe(m);
  });
});

describe('texts kept in two fields', () => {
  it('shows the English on an English screen when there is one, else the Chinese', () => {
    expect(textIn('治疗毒性', 'Toxicity on treatment', 'en')).toBe('Toxicity on treatment');
    expect(textIn('治疗毒性', 'Toxicity on treatment', 'zh')).toBe('治疗毒性');
    expect(textIn('出院后随访', undefined, 'en')).toBe('出院后随访');
    expect(textIn('出院后随访', '', 'en')).toBe('出院后随访');
  });

  it('shows a Chinese name as written, parentheses and all', () => {
    expect(textIn('情绪筛查随访 (PHQ-9)', null, 'zh')).toBe('情绪筛查随访 (PHQ-9)');
    expect(textIn('情绪筛查随访 (PHQ-9)', null, 'en')).toBe('情绪筛查随访 (PHQ-9)');
  });

  it('says a message only when it has a half in the screen language', () => {
    expect(inLanguageOnly('未找到任务 (task 3 not found)', 'en')).toBe('task 3 not found');
    expect(inLanguageOnly('task 3 not found', 'zh')).toBeNull();
    expect(inLanguageOnly('task 3 not found', 'en')).toBe('task 3 not found');
    expect(inLanguageOnly('科室已停用', 'en')).toBeNull();
  });
});
