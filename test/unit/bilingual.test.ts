import { describe, expect, it } from 'vitest';
import { inLanguage } from '../../src/shared/bilingual';

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
